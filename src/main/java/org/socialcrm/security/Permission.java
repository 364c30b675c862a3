package org.socialcrm.security;

import java.util.EnumSet;
import java.util.Set;

import static org.socialcrm.security.Role.AGENCY_ADMIN;
import static org.socialcrm.security.Role.CRM_ADMIN;
import static org.socialcrm.security.Role.CRM_ANALYST;
import static org.socialcrm.security.Role.CRM_FIELD;
import static org.socialcrm.security.Role.CRM_VIEWER;

/** What a unit of tenant work needs, and which roles and partner scopes grant it (auth-contract.md). */
public enum Permission {
    /**
     * Reading tenant data. crm-field holds it too, confined: to the root fields of the field-work gate
     * (field.FieldWorkerGate) and to the contacts of its turfs (contact.ContactVisibility).
     */
    READ(EnumSet.of(CRM_VIEWER, CRM_ANALYST, CRM_ADMIN, AGENCY_ADMIN, CRM_FIELD), Set.of("contacts:read")),
    WRITE_CONTACTS(EnumSet.of(CRM_ANALYST, CRM_ADMIN, AGENCY_ADMIN), Set.of("contacts:write")),
    WRITE_CAMPAIGNS(EnumSet.of(CRM_ANALYST, CRM_ADMIN, AGENCY_ADMIN), Set.of("campaigns:write")),
    MANAGE_SEGMENTS(EnumSet.of(CRM_ANALYST, CRM_ADMIN, AGENCY_ADMIN), Set.of()),
    MANAGE_CONNECTORS(EnumSet.of(CRM_ADMIN, AGENCY_ADMIN), Set.of()),
    MANAGE_WEBHOOKS(EnumSet.of(CRM_ADMIN, AGENCY_ADMIN), Set.of()),
    PRIVACY(EnumSet.of(CRM_ADMIN, AGENCY_ADMIN), Set.of()),
    MANAGE_CUSTOM_FIELDS(EnumSet.of(CRM_ADMIN, AGENCY_ADMIN), Set.of()),
    WRITE_METRICS(EnumSet.of(CRM_ADMIN, AGENCY_ADMIN), Set.of("metrics:write")),
    READ_AUDIT(EnumSet.of(CRM_ADMIN, AGENCY_ADMIN), Set.of()),
    /** Recording canvasses (a crm-field caller only for the contacts of its turfs). */
    RECORD_CANVASS(EnumSet.of(CRM_FIELD, CRM_ANALYST, CRM_ADMIN, AGENCY_ADMIN), Set.of()),
    /** Cutting and assigning turfs. */
    MANAGE_TURFS(EnumSet.of(CRM_ANALYST, CRM_ADMIN, AGENCY_ADMIN), Set.of());

    private final Set<Role> roles;
    private final Set<String> scopes;

    Permission(Set<Role> roles, Set<String> scopes) {
        this.roles = roles;
        this.scopes = scopes;
    }

    /** Users act through roles; partners (client-credentials tokens, no role) exactly through their scopes. */
    public boolean grantedTo(Caller caller) {
        if (caller.isPartner()) {
            return caller.scopes().stream().anyMatch(scopes::contains);
        }
        return caller.roles().stream().anyMatch(roles::contains);
    }
}
