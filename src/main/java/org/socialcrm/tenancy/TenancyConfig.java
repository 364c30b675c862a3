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

    /**
     * Whether a tenant's pending migrations are applied in one transaction (Flyway's group) rather than one each: on
     * Citus every commit of DDL is a distributed commit through the coordinator, so this makes provisioning several
     * times faster (docs/benchmarks.md). On both engines a tenant's upgrade then applies whole or not at all.
     */
    @WithDefault("true")
    boolean migrateInOneTransaction();

    /** How long a tenant's control-plane row is cached in memory before it is read again. */
    @WithDefault("30s")
    Duration cacheTtl();

    /** How many slugs that name no tenant are remembered (each for the cache TTL) before that list is emptied. */
    @WithDefault("10000")
    int missCacheSize();

    /** How long one statement of tenant work may run before PostgreSQL cancels it (transaction-local). */
    @WithDefault("5s")
    Duration statementTimeout();

    /** The same for reports that read much (attribution, funnel): {@link TenantTransactions#report}. */
    @WithDefault("30s")
    Duration reportStatementTimeout();
}
