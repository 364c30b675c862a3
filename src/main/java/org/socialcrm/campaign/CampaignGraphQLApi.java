package org.socialcrm.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.socialcrm.common.Cursor;
import org.socialcrm.common.Ids;
import org.socialcrm.common.NotFoundException;
import org.socialcrm.common.PageSize;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantRequests;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Campaign CRUD and the per-page counts of campaigns. */
@GraphQLApi
public class CampaignGraphQLApi {

    private final TenantRequests requests;
    private final CampaignRepository campaigns;

    public CampaignGraphQLApi(TenantRequests requests, CampaignRepository campaigns) {
        this.requests = requests;
        this.campaigns = campaigns;
    }

    @Query("campaign")
    public Uni<Campaign> campaign(@Id @NonNull @Name("id") String id) {
        return requests.run(Permission.READ, connection -> campaigns.findById(connection, Ids.parse(id, "id"), false)
                .map(c -> c.orElse(null)));
    }

    @Query("campaigns")
    @Description("Campaigns, newest first.")
    public Uni<@NonNull CampaignConnection> campaigns(@DefaultValue("50") Integer first, String after, CampaignStatus status) {
        return requests.run(Permission.READ, connection -> {
            int size = PageSize.check(first, 50);
            Cursor cursor = after == null ? null : Cursor.decode(after, CampaignRepository.CURSOR_KIND);
            return campaigns.page(connection, status, cursor, size);
        });
    }

    @Description("How many campaigns match the status filter, whatever the page.")
    @NonNull
    public Uni<List<@NonNull Integer>> totalCount(@Source List<CampaignConnection> connections) {
        return requests.run(Permission.READ, connection -> Multi.createFrom().iterable(connections)
                .onItem().transformToUniAndConcatenate(c -> campaigns.count(connection, c.statusFilter()))
                .collect().asList());
    }

    @Mutation("createCampaign")
    public Uni<@NonNull Campaign> createCampaign(@NonNull CampaignInput input) {
        return requests.mutate(Permission.WRITE_CAMPAIGNS, "campaign.create", (scope, connection) -> {
            String name = CampaignValidator.validate(input.name(), input.startsAt(), input.endsAt(), input.budget());
            return campaigns.insert(connection, name, input);
        }, Campaign::id);
    }

    @Mutation("updateCampaign")
    @Description("Replaces the name; any other field left out keeps its value.")
    public Uni<@NonNull Campaign> updateCampaign(@Id @NonNull String id, @NonNull CampaignInput input) {
        long campaignId = Ids.parse(id);
        return requests.mutate(Permission.WRITE_CAMPAIGNS, "campaign.update", (scope, connection) -> campaigns
                .findById(connection, campaignId, true).chain(found -> {
                    Campaign current = found.orElseThrow(() -> new NotFoundException("Campaign not found"));
                    var startsAt = input.startsAt() != null ? input.startsAt() : current.startsAt();
                    var endsAt = input.endsAt() != null ? input.endsAt() : current.endsAt();
                    Double budget = input.budget() != null ? input.budget() : current.budget();
                    String name = CampaignValidator.validate(input.name(), startsAt, endsAt, budget);
                    return campaigns.update(connection, campaignId, name,
                            input.status() != null ? input.status() : current.status(),
                            input.channel() != null ? input.channel() : current.channel(), startsAt, endsAt, budget);
                }), Campaign::id);
    }

    @Description("Touchpoints of the campaign, including those of contacts erased since.")
    @NonNull
    public Uni<List<@NonNull Integer>> touchpointCount(@Source List<Campaign> page) {
        List<Long> ids = ids(page);
        return requests.run(Permission.READ, connection -> campaigns.touchpointCounts(connection, ids)
                .map(counts -> inOrder(ids, counts)));
    }

    @Description("Conversions of the campaign, including those of contacts erased since.")
    @NonNull
    public Uni<List<@NonNull Integer>> conversionCount(@Source List<Campaign> page) {
        List<Long> ids = ids(page);
        return requests.run(Permission.READ, connection -> campaigns.conversionCounts(connection, ids)
                .map(counts -> inOrder(ids, counts)));
    }

    private static List<Long> ids(List<Campaign> page) {
        return page.stream().map(c -> Long.parseLong(c.id())).toList();
    }

    /** Counts in the order of the page's ids, 0 for an id without any. */
    static List<Integer> inOrder(List<Long> ids, Map<Long, Integer> counts) {
        List<Integer> out = new ArrayList<>(ids.size());
        ids.forEach(id -> out.add(counts.getOrDefault(id, 0)));
        return out;
    }

    /** Campaigns by id for other batch resolvers: one list entry per id, null where the id is null or unknown. */
    static List<Campaign> aligned(List<Long> ids, Map<Long, Campaign> found) {
        List<Campaign> out = new ArrayList<>(ids.size());
        ids.forEach(id -> out.add(id == null ? null : found.get(id)));
        return out;
    }

    static List<Long> distinctNonNull(List<Long> ids) {
        return ids.stream().filter(java.util.Objects::nonNull).distinct().toList();
    }
}
