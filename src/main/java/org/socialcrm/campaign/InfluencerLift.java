package org.socialcrm.campaign;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One influencer's lift (docs/influence.md, "Influence lift"); its influencer is a batched field. */
@Type("InfluencerLift")
public record InfluencerLift(@Ignore long influencerId,
        @NonNull @Description("Contacts in fromStage (or any earlier stage) touched by this influencer in the window.") int exposed,
        @NonNull @Description("Share of exposed contacts that reached toStage within lookbackDays of the touch.") double exposedRate,
        @NonNull @Description("The same share among comparable contacts (same stage at the same time, same segment) not touched by this influencer.") double baselineRate,
        @NonNull @Description("exposedRate - baselineRate, with a 95% interval.") double lift,
        @NonNull double liftLow,
        @NonNull double liftHigh,
        @NonNull @Description("Incremental moves: exposed × lift.") double incrementalMoves) {
}
