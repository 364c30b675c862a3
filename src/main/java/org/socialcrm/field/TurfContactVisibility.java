package org.socialcrm.field;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.UnauthenticatedException;
import org.socialcrm.contact.ContactQuery;
import org.socialcrm.contact.ContactVisibility;
import org.socialcrm.security.Caller;
import org.socialcrm.security.TenantAccess;

/**
 * A field worker (crm-field and nothing more) sees the contacts of the turfs assigned to its subject, and no other;
 * every other caller sees the whole tenant. The one definition of that rule, for contacts (here), turfs and canvasses.
 */
@ApplicationScoped
public class TurfContactVisibility implements ContactVisibility {

    /** Contacts of turfs assigned to a subject (one parameter), over alias {@code c}. */
    static final String TURF_CONTACTS = "c.id in (select tc.contact_id from turf_contact tc join turf t on t.id = tc.turf_id "
            + "where t.assignee = ?)";

    private final TenantAccess access;

    public TurfContactVisibility(TenantAccess access) {
        this.access = access;
    }

    @Override
    public boolean confined() {
        return fieldWorker() != null;
    }

    @Override
    public ContactQuery restrict(ContactQuery query) {
        String subject = fieldWorker();
        return subject == null ? query : query.where(TURF_CONTACTS, subject);
    }

    /** The subject of the calling field worker, or null when the caller is not confined to its turfs. */
    String fieldWorker() {
        Caller caller;
        try {
            caller = access.caller();
        } catch (UnauthenticatedException e) {
            return null; // the work itself answers UNAUTHENTICATED
        }
        return caller.fieldWorkerOnly() ? caller.subject() : null;
    }
}
