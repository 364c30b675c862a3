package org.socialcrm.campaign;

import org.socialcrm.common.Channel;
import java.time.OffsetDateTime;

import org.socialcrm.graphql.Column;
import org.socialcrm.graphql.RowType;

/**
 * The campaign table, described once: the row mapper ({@link CampaignRepository#toCampaign}) and the compiled reads
 * ({@link CampaignShape}) are derived from these columns.
 */
public final class CampaignTable {

    public static final String TABLE = "campaign";

    public static final Column<String> ID = Column.id("id", "id").ordering();
    public static final Column<String> NAME = Column.text("name", "name");
    public static final Column<CampaignStatus> STATUS = Column.enumerated("status", "status", CampaignStatus.class);
    public static final Column<Channel> CHANNEL = Column.storedEnum("channel", "channel", Channel.class, Channel.OTHER);
    public static final Column<OffsetDateTime> STARTS_AT = Column.dateTime("starts_at", "startsAt");
    public static final Column<OffsetDateTime> ENDS_AT = Column.dateTime("ends_at", "endsAt");
    public static final Column<Double> BUDGET = Column.decimal("budget", "budget");
    public static final Column<OffsetDateTime> CREATED_AT = Column.dateTime("created_at", "createdAt");
    public static final Column<OffsetDateTime> UPDATED_AT = Column.dateTime("updated_at", "updatedAt");

    public static final RowType CAMPAIGN = new RowType("Campaign", ID, NAME, STATUS, CHANNEL, STARTS_AT, ENDS_AT, BUDGET,
            CREATED_AT, UPDATED_AT);

    private CampaignTable() {
    }
}
