package org.socialcrm.security;

import java.util.Optional;

/** The roles of auth-contract.md, by their claim names. */
public enum Role {
    PLATFORM_ADMIN("platform-admin", false), AGENCY_ADMIN("agency-admin", false), CRM_ADMIN("crm-admin", true),
    CRM_ANALYST("crm-analyst", true), CRM_VIEWER("crm-viewer", true),
    /** Field work (canvassing): only the contacts of its turfs and recordCanvass (docs/field.md). */
    CRM_FIELD("crm-field", true);

    private final String claimValue;
    private final boolean tenantRole;

    Role(String claimValue, boolean tenantRole) {
        this.claimValue = claimValue;
        this.tenantRole = tenantRole;
    }

    public String claimValue() {
        return claimValue;
    }

    /** A role about one tenant's data; the only kind a tenant's own identity provider may grant. */
    public boolean tenantRole() {
        return tenantRole;
    }

    public static Optional<Role> fromClaim(String value) {
        for (Role role : values()) {
            if (role.claimValue.equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
