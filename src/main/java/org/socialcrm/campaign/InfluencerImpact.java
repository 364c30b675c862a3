package org.socialcrm.campaign;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("InfluencerImpact")
public record InfluencerImpact(@Id @NonNull @Description("Id of the influencer's social identity.") String influencerId,
        @NonNull @Description("Contacts that reached toStage after a touchpoint by this influencer (within the lookback).") int contactsMoved,
        @NonNull @Description("Attributed share of those moves (position-based credit).") double credit,
        @Description("Median days between the influencer's last touch before a move and the move.") Double medianDaysToMove) {
}
