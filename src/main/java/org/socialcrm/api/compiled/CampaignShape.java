package org.socialcrm.api.compiled;

import java.util.Map;

import org.socialcrm.common.Channel;

/** Campaign: the campaign row (its counts and reports go the general way). */
final class CampaignShape extends ColumnShape {

    static final CampaignShape INSTANCE = new CampaignShape();

    private CampaignShape() {
        super("Campaign", Map.of(
                "id", SqlValues.id("id"),
                "name", "%1$s.name",
                "status", "%1$s.status",
                "channel", SqlValues.storedEnum("channel", Channel.values(), Channel.OTHER.name()),
                "startsAt", SqlValues.dateTime("starts_at"),
                "endsAt", SqlValues.dateTime("ends_at"),
                "budget", "%1$s.budget",
                "createdAt", SqlValues.dateTime("created_at"),
                "updatedAt", SqlValues.dateTime("updated_at")));
    }
}
