package org.socialcrm.ops;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Operations settings: request rate limits (docs/operations.md, "Rate limits"). */
@ConfigMapping(prefix = "scrm.rate-limit")
public interface OpsConfig {

    /** Off: every request passes. */
    @WithDefault("true")
    boolean enabled();

    /** Per tenant, all callers together (a tenant's settings.rateLimit.requestsPerSecond / burst override it). */
    Limit tenant();

    /** Per partner client (token subject) within a tenant. */
    Limit partner();

    /** Buckets untouched this long are dropped, so their number stays bounded by the active callers. */
    @WithDefault("10m")
    Duration idleEviction();

    /** Hard cap on buckets kept in memory; beyond it the idlest half is dropped. */
    @WithDefault("100000")
    int maxBuckets();

    interface Limit {
        @WithDefault("50")
        double requestsPerSecond();

        @WithDefault("100")
        int burst();
    }
}
