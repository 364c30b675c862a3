package org.socialcrm.tenancy;

public enum TenantKind {
    BRAND, CAMPAIGN, CLIENT
}
