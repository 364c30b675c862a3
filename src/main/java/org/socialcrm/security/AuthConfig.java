package org.socialcrm.security;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The token claims of auth-contract.md; names are configurable for identity providers that differ. */
@ConfigMapping(prefix = "scrm.auth")
public interface AuthConfig {

    Claims claims();

    /** Audience required in tokens of a tenant's own issuer (the platform issuer's is quarkus.oidc.token.audience). */
    @WithDefault("scrm-api")
    String audience();

    /**
     * Whether a token that is not a locally verifiable JWT may be sent to the identity provider's introspection
     * endpoint. Off: a bad bearer costs no call to the provider (the platform issuer's quarkus.oidc.token.allow-*
     * settings follow this value too).
     */
    @WithDefault("false")
    boolean introspection();

    /** The verified-token cache ({@link VerifiedTokenCache}). */
    TokenCache tokenCache();

    interface TokenCache {
        /** Off: every request verifies its token's signature and claims again. */
        @WithDefault("true")
        boolean enabled();

        /** Tokens remembered at most (least recently used ones leave first). */
        @WithDefault("10000")
        int maxSize();

        /** How long a verified token is trusted without being verified again, at most (never past its exp). */
        @WithDefault("5m")
        Duration maxAge();
    }

    interface Claims {
        /** Claim holding the array of tenant slugs the caller may act on. */
        @WithDefault("tenants")
        String tenants();

        /** Claim holding the agency id of agency staff. */
        @WithDefault("agency")
        String agency();

        /** Claims (slash-separated paths) holding role names; all of them are read. */
        @WithDefault("realm_access/roles,roles,groups")
        List<String> roles();

        /** Space-separated scopes. */
        @WithDefault("scope")
        String scope();

        /** Display name. */
        @WithDefault("name")
        String name();
    }
}
