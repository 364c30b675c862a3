package org.socialcrm.tenancy;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/** A tenant's control-plane row, as cached in memory (a row of metadata, nothing else per tenant). */
public record TenantRecord(long id, String slug, String name, TenantKind kind, String ownerAgencyId,
        Set<String> agencyIds, TenantStatus status, String schema, List<LifecycleStageDefinition> lifecycleStages,
        String oidcIssuer, OffsetDateTime createdAt, io.vertx.core.json.JsonObject settings) {

    public TenantRecord {
        settings = settings == null ? new io.vertx.core.json.JsonObject() : settings;
    }

    public TenantRecord(long id, String slug, String name, TenantKind kind, String ownerAgencyId, Set<String> agencyIds,
            TenantStatus status, String schema, List<LifecycleStageDefinition> lifecycleStages, String oidcIssuer,
            OffsetDateTime createdAt) {
        this(id, slug, name, kind, ownerAgencyId, agencyIds, status, schema, lifecycleStages, oidcIssuer, createdAt, null);
    }

    public boolean linkedTo(String agencyId) {
        return agencyId != null && agencyIds.contains(agencyId);
    }

    public List<String> stageKeys() {
        return lifecycleStages.stream().map(LifecycleStageDefinition::key).toList();
    }
}
