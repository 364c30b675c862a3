package org.socialcrm.placement;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("TenantPlacement")
@Description("Where a tenant's schema lives in a Citus cluster (extension, docs/scale-out.md).")
public record TenantPlacement(
        @NonNull String slug,
        @NonNull @Description("The worker holding the tenant's schema, as host:port (Citus pg_dist_node).") String node) {
}
