package org.socialcrm.campaign;

import java.util.List;

import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.socialcrm.common.PageInfo;

/** A page of campaigns; {@code totalCount} is counted only when asked for, with the page's status filter. */
@Type("CampaignConnection")
public record CampaignConnection(@NonNull List<@NonNull CampaignEdge> edges, @NonNull PageInfo pageInfo,
        @Ignore CampaignStatus statusFilter) {
}
