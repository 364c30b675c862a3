package org.socialcrm.lifecycle;

import java.time.OffsetDateTime;

import org.socialcrm.graphql.Column;
import org.socialcrm.graphql.RowType;

/**
 * The lifecycle_transition table, described once: the row mapper ({@link LifecycleTransition#of}) and the compiled
 * reads ({@link LifecycleTransitionShape}) are derived from these columns.
 */
public final class LifecycleTransitionTable {

    public static final String TABLE = "lifecycle_transition";

    public static final Column<String> ID = Column.id("id", "id").ordering();
    public static final Column<Long> CONTACT_ID = Column.bigint("contact_id");
    public static final Column<String> FROM_STAGE = Column.text("from_stage", "fromStage");
    public static final Column<String> TO_STAGE = Column.text("to_stage", "toStage");
    public static final Column<OffsetDateTime> OCCURRED_AT = Column.dateTime("occurred_at", "occurredAt").ordering();
    public static final Column<String> SOURCE = Column.text("source", "source");
    public static final Column<String> NOTE = Column.text("note", "note");
    public static final Column<Long> CAMPAIGN_ID = Column.bigint("campaign_id");

    public static final RowType LIFECYCLE_TRANSITION = new RowType("LifecycleTransition", ID, CONTACT_ID, FROM_STAGE, TO_STAGE,
            OCCURRED_AT, SOURCE, NOTE, CAMPAIGN_ID);

    private LifecycleTransitionTable() {
    }
}
