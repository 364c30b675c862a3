package org.socialcrm.tenancy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.socialcrm.common.BadUserInputException;

/** What a tenant is declared as, in tenants/&lt;slug&gt;.yaml or through createTenant. */
public record TenantDefinition(String slug, String name, TenantKind kind, String agencyId, String agencyName,
        List<LifecycleStageDefinition> lifecycleStages, String oidcIssuer) {

    public TenantDefinition {
        lifecycleStages = lifecycleStages == null || lifecycleStages.isEmpty() ? LifecycleStageDefinition.defaults()
                : List.copyOf(lifecycleStages);
    }

    public String schema() {
        return TenantSlug.schemaOf(slug);
    }

    public TenantDefinition validate() throws BadUserInputException {
        TenantSlug.require(slug);
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new BadUserInputException("name", "is required, at most 200 characters");
        }
        if (kind == null) {
            throw new BadUserInputException("kind", "is required (BRAND, CAMPAIGN or CLIENT)");
        }
        if (agencyId != null && !TenantSlug.isValid(agencyId)) {
            throw new BadUserInputException("agencyId", "is not a valid agency id");
        }
        Set<String> seen = new HashSet<>();
        for (LifecycleStageDefinition stage : lifecycleStages) {
            if (!LifecycleStageDefinition.isValidKey(stage.key()) || !seen.add(stage.key())) {
                throw new BadUserInputException("lifecycleStages",
                        "stage keys must be unique, lowercase letters, digits and underscores");
            }
        }
        if (oidcIssuer != null && !oidcIssuer.matches("^https?://\\S+$")) {
            throw new BadUserInputException("oidcIssuer", "must be an https URL");
        }
        return this;
    }
}
