package org.socialcrm.security;

import java.util.Set;

/**
 * Who is calling, read from a validated token. {@code ownIssuerTenant} is set when the token was issued by a
 * tenant's own identity provider: such a token is good for that tenant only.
 */
public record Caller(String subject, String name, Set<Role> roles, Set<String> roleNames, Set<String> scopes,
        Set<String> tenantSlugs, String agencyId, String ownIssuerTenant) {

    public static final Set<String> PARTNER_SCOPES = Set.of("contacts:read", "contacts:write", "metrics:write", "campaigns:write");

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /**
     * A field worker and nothing more: crm-field without any role that reads the whole tenant. Such a caller is confined
     * to the root fields the field-work gate allows and to the contacts of the turfs assigned to its subject.
     */
    public boolean fieldWorkerOnly() {
        return roles.contains(Role.CRM_FIELD) && !roles.contains(Role.CRM_VIEWER) && !roles.contains(Role.CRM_ANALYST)
                && !roles.contains(Role.CRM_ADMIN) && !roles.contains(Role.AGENCY_ADMIN);
    }

    /** A partner connector: no role of ours, only scopes. */
    public boolean isPartner() {
        return roles.isEmpty() && scopes.stream().anyMatch(PARTNER_SCOPES::contains);
    }
}
