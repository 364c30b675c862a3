package org.socialcrm.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.ForbiddenException;
import org.socialcrm.common.SafeFailures;
import org.socialcrm.tenancy.Agency;
import org.socialcrm.tenancy.AgencyView;
import org.socialcrm.tenancy.CreateTenantInput;
import org.socialcrm.tenancy.TenantDefinition;
import org.socialcrm.tenancy.TenantDirectory;
import org.socialcrm.tenancy.TenantIssuerPolicy;
import org.socialcrm.tenancy.TenantProvisioner;
import org.socialcrm.tenancy.TenantRecord;
import org.socialcrm.tenancy.TenantView;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** The control-plane part of the API: which tenants a caller sees, and provisioning new ones. */
@GraphQLApi
public class TenantGraphQLApi {

    private final TenantAccess access;
    private final TenantDirectory directory;
    private final TenantProvisioner provisioner;
    private final TenantIssuerPolicy issuerPolicy;

    public TenantGraphQLApi(TenantAccess access, TenantDirectory directory, TenantProvisioner provisioner,
            TenantIssuerPolicy issuerPolicy) {
        this.access = access;
        this.directory = directory;
        this.provisioner = provisioner;
        this.issuerPolicy = issuerPolicy;
    }

    @Query("tenants")
    @Description("Tenants visible to the caller: an agency admin sees all its client tenants (no X-Tenant-ID needed).")
    public Uni<@NonNull List<@NonNull TenantView>> tenants() {
        return SafeFailures.guard(Uni.createFrom().item(this::callerOrFail).chain(this::visibleTenants)
                .map(list -> list.stream().map(TenantView::of).toList()));
    }

    /** The tenants a caller may act on (also used by {@code me}). */
    public Uni<List<TenantRecord>> visibleTenants(Caller caller) {
        if (caller.ownIssuerTenant() != null) {
            return directory.bySlug(caller.ownIssuerTenant()).map(t -> t.map(List::of).orElse(List.of()));
        }
        return directory.visibleTo(caller.agencyId(), List.copyOf(caller.tenantSlugs()))
                .map(list -> list.stream().filter(t -> TenantAccess.mayAct(caller, t)).toList());
    }

    @Mutation("createTenant")
    @Description("Platform admin, or agency admin for its own agency. Provisions the tenant's schema.")
    public Uni<@NonNull TenantView> createTenant(@NonNull CreateTenantInput input) {
        return SafeFailures.guard(Uni.createFrom().item(this::callerOrFail)
                .map(caller -> definitionFor(caller, input))
                .chain(def -> directory.bySlug(def.slug()).map(existing -> {
                    if (existing.isPresent()) {
                        throw new BadUserInputException("slug", "is already taken");
                    }
                    return def;
                }))
                .chain(def -> agencyExists(def.agencyId()).map(exists -> {
                    if (!exists) {
                        throw new BadUserInputException("agencyId", "unknown agency");
                    }
                    return def;
                }))
                .chain(def -> Uni.createFrom().item(() -> provisioner.provision(def, "api"))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        .chain(() -> directory.bySlug(def.slug())))
                .map(created -> TenantView.of(created.orElseThrow())));
    }

    @Description("The agency that owns the tenant.")
    public Uni<List<AgencyView>> agency(@Source List<TenantView> tenants) {
        List<String> ids = tenants.stream().map(TenantView::agencyId).filter(id -> id != null).distinct().toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(tenants.stream().map(t -> (AgencyView) null).toList());
        }
        return Panache.withSession(() -> Agency.<Agency> list("id in ?1", ids)).map(found -> {
            Map<String, AgencyView> byId = found.stream().map(AgencyView::of)
                    .collect(Collectors.toMap(AgencyView::id, Function.identity()));
            List<AgencyView> out = new ArrayList<>();
            tenants.forEach(t -> out.add(t.agencyId() == null ? null : byId.get(t.agencyId())));
            return out;
        });
    }

    @Description("The agency's client tenants that the caller may act on.")
    @NonNull
    public Uni<List<List<@NonNull TenantView>>> tenants(@Source List<AgencyView> agencies) {
        return SafeFailures.guard(Uni.createFrom().item(this::callerOrFail).chain(this::visibleTenants).map(visible -> {
            List<List<TenantView>> out = new ArrayList<>();
            for (AgencyView agency : agencies) {
                out.add(visible.stream().filter(t -> t.linkedTo(agency.id())).map(TenantView::of).toList());
            }
            return out;
        }));
    }

    private Caller callerOrFail() {
        return access.caller();
    }

    private TenantDefinition definitionFor(Caller caller, CreateTenantInput input) {
        String agencyId = input.agencyId();
            if (!caller.has(Role.PLATFORM_ADMIN)) {
                if (!caller.has(Role.AGENCY_ADMIN) || caller.agencyId() == null) {
                    throw new ForbiddenException("Only a platform admin or an agency admin may create tenants.");
                }
                if (agencyId == null) {
                    agencyId = caller.agencyId();
                } else if (!agencyId.equals(caller.agencyId())) {
                    throw new ForbiddenException("An agency admin may create tenants for its own agency only.");
                }
            }
        return issuerPolicy.check(input.toDefinition(agencyId).validate());
    }

    private Uni<Boolean> agencyExists(String agencyId) {
        if (agencyId == null) {
            return Uni.createFrom().item(true);
        }
        return Panache.withSession(() -> Agency.<Agency> findById(agencyId)).map(a -> a != null);
    }
}
