package org.socialcrm.tenancy;

/** The tenant a unit of work runs for: resolved and authorized, never built from raw input. */
public record TenantScope(TenantRecord tenant) {

    public TenantScope {
        if (tenant == null || !TenantSlug.isTenantSchema(tenant.schema())) {
            throw new IllegalStateException("A tenant scope needs a resolved tenant");
        }
    }

    public String slug() {
        return tenant.slug();
    }

    public String schema() {
        return tenant.schema();
    }
}
