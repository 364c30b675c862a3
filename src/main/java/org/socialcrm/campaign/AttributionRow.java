package org.socialcrm.campaign;

import org.socialcrm.common.Channel;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** Credit given to one campaign/channel/influencer combination; credits of one conversion sum to 1. */
@Type("AttributionRow")
public record AttributionRow(@NonNull Channel channel,
        @Id @Description("Id of the influencer's social identity, if the touches came from one.") String influencerId,
        @NonNull double conversions, @NonNull double value,
        @NonNull @Description("Touchpoints of this combination that received credit.") int touchpoints,
        @Ignore Long campaignId) {
}
