package org.socialcrm.change;

import java.util.Set;

/** The change types of the feed (api-contract.graphql, Query.changes). */
public final class ChangeTypes {

    public static final String CONTACT_CREATED = "contact.created";
    public static final String CONTACT_UPDATED = "contact.updated";
    public static final String CONTACT_MERGED = "contact.merged";
    public static final String CONTACT_ERASED = "contact.erased";
    public static final String LIFECYCLE_CHANGED = "lifecycle.changed";
    public static final String TOUCHPOINT_RECORDED = "touchpoint.recorded";
    public static final String CONVERSION_RECORDED = "conversion.recorded";
    public static final String CONSENT_CHANGED = "consent.changed";
    public static final String IMPORT_PROGRESS = "import.progress";
    public static final String IMPORT_COMPLETED = "import.completed";
    public static final String SYNC_COMPLETED = "sync.completed";
    public static final String CANVASS_RECORDED = "canvass.recorded";

    public static final Set<String> ALL = Set.of(CONTACT_CREATED, CONTACT_UPDATED, CONTACT_MERGED, CONTACT_ERASED, LIFECYCLE_CHANGED,
            TOUCHPOINT_RECORDED, CONVERSION_RECORDED, CONSENT_CHANGED, IMPORT_PROGRESS, IMPORT_COMPLETED, SYNC_COMPLETED,
            CANVASS_RECORDED);

    private ChangeTypes() {
    }
}
