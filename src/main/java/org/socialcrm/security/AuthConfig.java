package org.socialcrm.security;

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
