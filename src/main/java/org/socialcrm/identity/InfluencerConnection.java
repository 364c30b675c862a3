package org.socialcrm.identity;

import java.util.List;

import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.socialcrm.common.PageInfo;

/** A page of the influencer roster; {@code totalCount} is counted only when asked for, with the page's filter. */
@Type("InfluencerConnection")
public record InfluencerConnection(@NonNull List<@NonNull InfluencerEdge> edges, @NonNull PageInfo pageInfo,
        @Ignore InfluencerFilter filter) {
}
