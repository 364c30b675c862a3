package org.socialcrm.tenancy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "scrm.tenancy")
public interface TenancyConfig {

    /** Folder of tenant definition files (one YAML per tenant). */
    @WithDefault("tenants")
    String directory();

    /** How many tenant schemas migrate at once at start-up. */
    @WithDefault("4")
    int migrationParallelism();

    /** How long a tenant's control-plane row is cached in memory before it is read again. */
    @WithDefault("30s")
    Duration cacheTtl();

    /** How many slugs that name no tenant are remembered (each for the cache TTL) before that list is emptied. */
    @WithDefault("10000")
    int missCacheSize();

    /** Rules for the issuer a tenant may declare for its own identity provider (auth-contract.md). */
    OidcIssuer oidcIssuer();

    interface OidcIssuer {
        /** Plain http for loopback hosts (localhost, 127.x, ::1); on in dev and test only. */
        @WithDefault("false")
        boolean allowLoopbackHttp();

        /** The platform's own issuer (and its auth server URL), which no tenant may declare as its own. */
        Optional<List<String>> platform();
    }
}
