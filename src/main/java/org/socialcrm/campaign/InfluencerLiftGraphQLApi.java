package org.socialcrm.campaign;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.Ids;
import org.socialcrm.common.NotFoundException;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantRequests;
import org.socialcrm.segment.SegmentMembers;

import io.smallrye.mutiny.Uni;

/** influencerLift: influencer impact against comparable unexposed contacts (docs/influence.md). */
@GraphQLApi
public class InfluencerLiftGraphQLApi {

    private final TenantRequests requests;
    private final InfluencerLiftRepository lifts;
    private final CampaignRepository campaigns;
    private final SegmentMembers segmentMembers;

    public InfluencerLiftGraphQLApi(TenantRequests requests, InfluencerLiftRepository lifts, CampaignRepository campaigns,
            SegmentMembers segmentMembers) {
        this.requests = requests;
        this.lifts = lifts;
        this.campaigns = campaigns;
        this.segmentMembers = segmentMembers;
    }

    @Query("influencerLift")
    @Description("influencerImpact with its window and campaign made explicit, and lift against comparable unexposed contacts. "
            + "Exposed: contacts in fromStage (or, without it, any stage before toStage) when the influencer first touched "
            + "them in [from, to] (in the campaign, when given). Comparable: contacts of the same segment in the same stage "
            + "at the start of the same week, touched by no influencer in the window. Ranked by incremental moves.")
    public Uni<@NonNull List<@NonNull InfluencerLift>> influencerLift(@NonNull String toStage, String fromStage,
            @Id String segmentId, @Id String campaignId, OffsetDateTime from, OffsetDateTime to,
            @DefaultValue("90") Integer lookbackDays, @DefaultValue("20") Integer first) {
        return requests.report(Permission.READ, (scope, connection) -> {
            List<String> stages = scope.tenant().stageKeys();
            int target = stages.indexOf(toStage);
            if (target < 0) {
                throw new BadUserInputException("toStage", "unknown stage; this tenant's stages are " + stages);
            }
            int last = target - 1;
            if (fromStage != null) {
                int start = stages.indexOf(fromStage);
                if (start < 0) {
                    throw new BadUserInputException("fromStage", "unknown stage; this tenant's stages are " + stages);
                }
                if (start >= target) {
                    throw new BadUserInputException("fromStage", "must come before toStage in the tenant's stage order");
                }
                last = start;
            }
            if (last < 0) {
                throw new BadUserInputException("toStage", "no stage comes before it, so nobody can move into it");
            }
            if (from != null && to != null && to.isBefore(from)) {
                throw new BadUserInputException("to", "must not be before from");
            }
            int lookback = lookbackDays == null ? 90 : lookbackDays;
            if (lookback < 1 || lookback > AttributionGraphQLApi.MAX_LOOKBACK_DAYS) {
                throw new BadUserInputException("lookbackDays", "must be between 1 and " + AttributionGraphQLApi.MAX_LOOKBACK_DAYS);
            }
            int size = first == null ? 20 : first;
            if (size < 1 || size > AttributionGraphQLApi.MAX_IMPACT_ROWS) {
                throw new BadUserInputException("first", "must be between 1 and " + AttributionGraphQLApi.MAX_IMPACT_ROWS);
            }
            Long campaign = campaignId == null ? null : Ids.require(campaignId, "campaignId");
            List<String> eligible = stages.subList(0, last + 1);
            Uni<Void> campaignExists = campaign == null ? Uni.createFrom().voidItem()
                    : campaigns.findById(connection, campaign, false).invoke(found -> {
                        if (found.isEmpty()) {
                            throw new NotFoundException("Campaign not found");
                        }
                    }).replaceWithVoid();
            return campaignExists.chain(() -> segmentId == null ? Uni.createFrom().<Long[]> nullItem()
                    : segmentMembers.contactIds(connection, segmentId, stages))
                    .chain(members -> lifts.lift(connection, toStage, eligible, from, to, lookback, members, campaign, size));
        });
    }
}
