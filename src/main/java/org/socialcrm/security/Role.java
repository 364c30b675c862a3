package org.socialcrm.security;

import java.util.Optional;

/** The roles of auth-contract.md, by their claim names. */
public enum Role {
    PLATFORM_ADMIN("platform-admin"), AGENCY_ADMIN("agency-admin"), CRM_ADMIN("crm-admin"),
    CRM_ANALYST("crm-analyst"), CRM_VIEWER("crm-viewer");

    private final String claimValue;

    Role(String claimValue) {
        this.claimValue = claimValue;
    }

    public String claimValue() {
        return claimValue;
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
