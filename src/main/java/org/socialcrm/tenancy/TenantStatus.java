package org.socialcrm.tenancy;

public enum TenantStatus {
    PROVISIONING, ACTIVE, MIGRATION_FAILED, SUSPENDED
}
