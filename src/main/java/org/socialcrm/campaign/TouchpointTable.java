package org.socialcrm.campaign;

import org.socialcrm.common.Channel;
import java.time.OffsetDateTime;

import jakarta.json.JsonObject;

import org.socialcrm.graphql.Column;
import org.socialcrm.graphql.RowType;

/**
 * The touchpoint table, described once: the row mapper ({@link TouchpointRepository#toTouchpoint}) and the compiled
 * reads ({@link TouchpointShape}) are derived from these columns.
 */
public final class TouchpointTable {

    public static final String TABLE = "touchpoint";

    public static final Column<String> ID = Column.id("id", "id");
    public static final Column<Long> CONTACT_ID = Column.bigint("contact_id");
    public static final Column<Long> CAMPAIGN_ID = Column.bigint("campaign_id");
    public static final Column<Channel> CHANNEL = Column.storedEnum("channel", "channel", Channel.class, Channel.OTHER);
    public static final Column<String> INFLUENCER_ID = Column.id("influencer_identity_id", "influencerId");
    public static final Column<OffsetDateTime> OCCURRED_AT = Column.dateTime("occurred_at", "occurredAt").ordering();
    public static final Column<JsonObject> SOURCE = Column.optionalJsonObject("source", "source");

    public static final RowType TOUCHPOINT = new RowType("Touchpoint", ID, CONTACT_ID, CAMPAIGN_ID, CHANNEL, INFLUENCER_ID,
            OCCURRED_AT, SOURCE);

    private TouchpointTable() {
    }
}
