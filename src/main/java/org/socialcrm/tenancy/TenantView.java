package org.socialcrm.tenancy;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A tenant as the API shows it; its agency is resolved in a batch by {@code security.TenantGraphQLApi}. */
@Type("Tenant")
public record TenantView(@Id @NonNull String id, @NonNull String slug, @NonNull String name, @NonNull TenantKind kind,
        @NonNull OffsetDateTime createdAt, @Ignore String agencyId) {

    public static TenantView of(TenantRecord tenant) {
        return new TenantView(String.valueOf(tenant.id()), tenant.slug(), tenant.name(), tenant.kind(), tenant.createdAt(),
                tenant.ownerAgencyId());
    }
}
