package org.socialcrm.placement;

import java.util.function.Function;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.socialcrm.common.ForbiddenException;
import org.socialcrm.common.NotFoundException;
import org.socialcrm.common.SafeFailures;
import org.socialcrm.security.Role;
import org.socialcrm.security.TenantAccess;
import org.socialcrm.tenancy.TenantDirectory;
import org.socialcrm.tenancy.TenantRecord;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** Platform admins see and change which Citus worker holds a tenant (extension; docs/api.md, docs/scale-out.md). */
@GraphQLApi
public class PlacementGraphQLApi {

    private final TenantAccess access;
    private final TenantDirectory directory;
    private final TenantMover mover;

    public PlacementGraphQLApi(TenantAccess access, TenantDirectory directory, TenantMover mover) {
        this.access = access;
        this.directory = directory;
        this.mover = mover;
    }

    @Query("tenantPlacement")
    @Description("Platform admin: the Citus worker holding the tenant's schema. NOT_SUPPORTED on a single PostgreSQL.")
    public Uni<@NonNull TenantPlacement> tenantPlacement(@NonNull String slug) {
        return onTenant(slug, tenant -> new TenantPlacement(tenant.slug(),
                mover.nodeOf(tenant.schema()).orElseThrow(() -> new NotFoundException("The tenant has no placement yet."))));
    }

    @Mutation("moveTenant")
    @Description("Platform admin: moves the tenant's schema to another Citus worker (citus_schema_move) while it stays "
            + "readable and writable; writes wait during the final catch-up. toNode is host:port as in pg_dist_node. "
            + "NOT_SUPPORTED on a single PostgreSQL.")
    public Uni<@NonNull TenantPlacement> moveTenant(@NonNull String slug, @NonNull String toNode) {
        return onTenant(slug, tenant -> new TenantPlacement(tenant.slug(), mover.move(tenant.schema(), toNode)));
    }

    private Uni<TenantPlacement> onTenant(String slug, Function<TenantRecord, TenantPlacement> work) {
        return SafeFailures.guard(Uni.createFrom().item(access::caller)
                .map(caller -> {
                    if (!caller.has(Role.PLATFORM_ADMIN)) {
                        throw new ForbiddenException("Only a platform admin may see or move tenant placements.");
                    }
                    return slug;
                })
                .chain(directory::bySlug)
                .map(found -> found.orElseThrow(() -> new NotFoundException("No such tenant.")))
                .chain(tenant -> Uni.createFrom().item(() -> work.apply(tenant))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())));
    }
}
