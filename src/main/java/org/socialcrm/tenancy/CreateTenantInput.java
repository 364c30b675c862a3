package org.socialcrm.tenancy;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import io.smallrye.graphql.api.Nullable;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("CreateTenantInput")
public record CreateTenantInput(@NonNull String slug, @NonNull String name, @NonNull TenantKind kind, @Id String agencyId,
        @Nullable List<@NonNull String> lifecycleStages,
        @Description("Issuer URL of the tenant's own identity provider; its tokens are valid for this tenant only.") String oidcIssuer) {

    public TenantDefinition toDefinition(String effectiveAgencyId) {
        List<LifecycleStageDefinition> stages = lifecycleStages == null ? null
                : lifecycleStages.stream().map(LifecycleStageDefinition::of).toList();
        return new TenantDefinition(slug, name, kind, effectiveAgencyId, null, stages, oidcIssuer);
    }
}
