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

    /** A partner connector: no role of ours, only scopes. */
    public boolean isPartner() {
        return roles.isEmpty() && scopes.stream().anyMatch(PARTNER_SCOPES::contains);
    }
}
