package org.socialcrm.campaign;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.Ids;
import org.socialcrm.common.NotFoundException;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantRequests;
import org.socialcrm.segment.SegmentMembers;

import io.smallrye.mutiny.Uni;

/** Multi-touch attribution and influencer impact (docs in {@link AttributionRepository}). */
@GraphQLApi
public class AttributionGraphQLApi {

    static final int MAX_LOOKBACK_DAYS = 3650;
    static final int MAX_IMPACT_ROWS = 200;

    private final TenantRequests requests;
    private final AttributionRepository attribution;
    private final CampaignRepository campaigns;
    private final SegmentMembers segmentMembers;

    public AttributionGraphQLApi(TenantRequests requests, AttributionRepository attribution, CampaignRepository campaigns,
            SegmentMembers segmentMembers) {
        this.requests = requests;
        this.attribution = attribution;
        this.campaigns = campaigns;
        this.segmentMembers = segmentMembers;
    }

    @Query("attribution")
    @Description("Multi-touch attribution of conversions to campaigns, channels and influencers. With campaignId only "
            + "that campaign's touchpoints are considered, and conversions without one in their lookback are dropped; "
            + "totalConversions counts the conversions that received credit.")
    public Uni<@NonNull AttributionReport> attribution(@NonNull AttributionModel model, @Id String campaignId,
            OffsetDateTime from, OffsetDateTime to, String conversionStage, @DefaultValue("90") Integer lookbackDays,
            @DefaultValue("7") Double halfLifeDays) {
        return requests.report(Permission.READ, (scope, connection) -> {
            Long campaign = campaignId == null ? null : Ids.require(campaignId, "campaignId");
            range(from, to);
            int lookback = lookbackDays == null ? 90 : lookbackDays;
            if (lookback < 0 || lookback > MAX_LOOKBACK_DAYS) {
                throw new BadUserInputException("lookbackDays", "must be between 0 and " + MAX_LOOKBACK_DAYS);
            }
            double halfLife = halfLifeDays == null ? 7 : halfLifeDays;
            if (!(halfLife > 0) || halfLife > MAX_LOOKBACK_DAYS) {
                throw new BadUserInputException("halfLifeDays", "must be > 0 and at most " + MAX_LOOKBACK_DAYS);
            }
            if (conversionStage != null && !scope.tenant().stageKeys().contains(conversionStage)) {
                throw new BadUserInputException("conversionStage", "unknown stage; this tenant's stages are "
                        + scope.tenant().stageKeys());
            }
            Uni<Void> check = campaign == null ? Uni.createFrom().voidItem()
                    : campaigns.findById(connection, campaign, false).invoke(found -> {
                        if (found.isEmpty()) {
                            throw new NotFoundException("Campaign not found");
                        }
                    }).replaceWithVoid();
            return check.chain(() -> attribution.attribution(connection, model, campaign, from, to, conversionStage, lookback,
                    halfLife));
        });
    }

    @Query("influencerImpact")
    @Description("Which influencers move contacts into a lifecycle stage: for each move into toStage (optionally from "
            + "fromStage) in [from, to], the contact's influencer touchpoints in the 90 days before it share the move "
            + "position-based (40/20/40). With segmentId, only moves of the segment's current members count. Ranked by credit.")
    public Uni<@NonNull List<@NonNull InfluencerImpact>> influencerImpact(@NonNull String toStage, String fromStage,
            @Id String segmentId, OffsetDateTime from, OffsetDateTime to, @DefaultValue("20") Integer first) {
        return requests.report(Permission.READ, (scope, connection) -> {
            List<String> stages = scope.tenant().stageKeys();
            if (!stages.contains(toStage)) {
                throw new BadUserInputException("toStage", "unknown stage; this tenant's stages are " + stages);
            }
            if (fromStage != null && !stages.contains(fromStage)) {
                throw new BadUserInputException("fromStage", "unknown stage; this tenant's stages are " + stages);
            }
            range(from, to);
            int size = first == null ? 20 : first;
            if (size < 1 || size > MAX_IMPACT_ROWS) {
                throw new BadUserInputException("first", "must be between 1 and " + MAX_IMPACT_ROWS);
            }
            Uni<Long[]> members = segmentId == null ? Uni.createFrom().nullItem()
                    : segmentMembers.contactIds(connection, segmentId, stages);
            return members.chain(ids -> attribution.influencerImpact(connection, toStage, fromStage, from, to, size, ids));
        });
    }

    @Name("campaign")
    public Uni<List<Campaign>> rowCampaign(@Source List<AttributionRow> rows) {
        List<Long> ids = rows.stream().map(AttributionRow::campaignId).toList();
        return requests.run(Permission.READ, connection -> campaigns
                .byIds(connection, CampaignGraphQLApi.distinctNonNull(ids))
                .map(found -> CampaignGraphQLApi.aligned(ids, found)));
    }

    private static void range(OffsetDateTime from, OffsetDateTime to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new BadUserInputException("to", "must not be before from");
        }
    }
}
