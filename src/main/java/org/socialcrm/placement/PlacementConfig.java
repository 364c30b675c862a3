package org.socialcrm.placement;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tenant moves between Citus workers (docs/scale-out.md). */
@ConfigMapping(prefix = "scrm.placement")
public interface PlacementConfig {

    /**
     * Citus' shard_transfer_mode for citus_schema_move: {@code force_logical} copies while the tenant is read and
     * written and blocks its writes only for the final catch-up; {@code block_writes} blocks writes for the whole copy.
     */
    @WithDefault("force_logical")
    String transferMode();
}
