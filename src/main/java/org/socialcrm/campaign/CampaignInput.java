package org.socialcrm.campaign;

import org.socialcrm.common.Channel;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** Fields of a campaign; on update, an optional field left out (null) keeps its value. */
@Input("CampaignInput")
public record CampaignInput(@NonNull String name, CampaignStatus status, Channel channel, OffsetDateTime startsAt,
        OffsetDateTime endsAt, Double budget) {
}
