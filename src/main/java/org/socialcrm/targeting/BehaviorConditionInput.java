package org.socialcrm.targeting;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.socialcrm.common.Channel;

@Input("BehaviorConditionInput")
public record BehaviorConditionInput(@NonNull BehaviorKind kind, Integer withinDays, @Id String campaignId, Channel channel,
        String stage, @Id String influencerIdentityId, @DefaultValue("1") Integer minCount,
        @Description("VOTED only (required there): the election, as given to markVoted.") String election) {
}
