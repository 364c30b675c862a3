package org.socialcrm.tenancy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** A run of the service as a migration job (k8s/overlays/citus, docs/scale-out.md). */
@ConfigMapping(prefix = "scrm.migration")
public interface MigrationJobConfig {

    /** Migrate the control plane and every tenant schema, then exit: 0, or 1 when a tenant failed. */
    @WithDefault("false")
    boolean only();
}
