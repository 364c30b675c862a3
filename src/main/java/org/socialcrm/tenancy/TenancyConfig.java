package org.socialcrm.tenancy;

import java.time.Duration;

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
}
