package org.socialcrm.security;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.socialcrm.common.SafeFailures;
import org.socialcrm.tenancy.Agency;
import org.socialcrm.tenancy.AgencyView;
import org.socialcrm.tenancy.TenantView;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

@GraphQLApi
public class ViewerGraphQLApi {

    private final TenantAccess access;
    private final TenantGraphQLApi tenants;

    public ViewerGraphQLApi(TenantAccess access, TenantGraphQLApi tenants) {
        this.access = access;
        this.tenants = tenants;
    }

    @Query("me")
    @Description("Who the caller is and which tenants it may act on (no X-Tenant-ID needed).")
    public @NonNull Viewer me() {
        Caller caller = access.caller();
        return new Viewer(caller.subject(), caller.name(), List.copyOf(caller.roleNames()), List.copyOf(caller.scopes()), caller);
    }

    public Uni<@NonNull List<@NonNull TenantView>> tenants(@Source Viewer viewer) {
        return SafeFailures.guard(tenants.visibleTenants(viewer.caller()).map(list -> list.stream().map(TenantView::of).toList()));
    }

    public Uni<AgencyView> agency(@Source Viewer viewer) {
        String agencyId = viewer.caller().agencyId();
        if (agencyId == null) {
            return Uni.createFrom().nullItem();
        }
        return SafeFailures.guard(Panache.withSession(() -> Agency.<Agency> findById(agencyId))
                .map(agency -> agency == null ? null : new AgencyView(agency.id, agency.name)));
    }
}
