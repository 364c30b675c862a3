package org.socialcrm.campaign;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;
import org.socialcrm.change.ChangeLog;
import org.socialcrm.change.ChangeTypes;
import org.socialcrm.common.Cursor;
import org.socialcrm.common.CursorKey;
import org.socialcrm.common.Ids;
import org.socialcrm.common.PageSize;
import org.socialcrm.contact.Contact;
import org.socialcrm.contact.ContactReachability;
import org.socialcrm.contact.ContactRepository;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantRequests;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/** Recording touchpoints and conversions, and their nested fields (all resolved in batches). */
@GraphQLApi
public class TouchpointGraphQLApi {

    private final TenantRequests requests;
    private final TouchpointRepository touchpoints;
    private final CampaignRepository campaigns;
    private final ContactRepository contacts;
    private final ChangeLog changes;
    private final ContactReachability reachability;

    public TouchpointGraphQLApi(TenantRequests requests, TouchpointRepository touchpoints, CampaignRepository campaigns,
            ContactRepository contacts, ChangeLog changes, ContactReachability reachability) {
        this.changes = changes;
        this.requests = requests;
        this.reachability = reachability;
        this.touchpoints = touchpoints;
        this.campaigns = campaigns;
        this.contacts = contacts;
    }

    @Mutation("recordTouchpoint")
    @Description("Records one interaction; occurredAt defaults to now, source is a JSON object of at most 8 KB.")
    public Uni<@NonNull Touchpoint> recordTouchpoint(@NonNull TouchpointInput input) {
        return requests.mutate(Permission.WRITE_CAMPAIGNS, "touchpoint.record", (scope, connection) -> {
            long contactId = Ids.require(input.contactId(), "contactId");
            Long campaignId = input.campaignId() == null ? null : Ids.require(input.campaignId(), "campaignId");
            Long identityId = input.influencerIdentityId() == null ? null
                    : Ids.require(input.influencerIdentityId(), "influencerIdentityId");
            var source = CampaignValidator.source(input.source());
            return touchpoints.requireReferences(connection, contactId, campaignId, identityId)
                    .chain(() -> reachability.require(connection, contactId, ChannelConsent.of(input.channel()), "channel"))
                    .chain(() -> touchpoints.insertTouchpoint(connection, contactId, campaignId, input.channel(), identityId,
                            input.occurredAt(), source))
                    .call(t -> changes.record(connection, ChangeTypes.TOUCHPOINT_RECORDED, contactId, new JsonObject()
                            .put("touchpointId", t.id()).put("campaignId", Ids.text(campaignId)).put("channel", t.channel().name())));
        }, Touchpoint::id);
    }

    @Mutation("recordConversion")
    @Description("Records a conversion; stage, if given, must be one of the tenant's lifecycle stages.")
    public Uni<@NonNull Conversion> recordConversion(@NonNull ConversionInput input) {
        return requests.mutate(Permission.WRITE_CAMPAIGNS, "conversion.record", (scope, connection) -> {
            long contactId = Ids.require(input.contactId(), "contactId");
            Long campaignId = input.campaignId() == null ? null : Ids.require(input.campaignId(), "campaignId");
            CampaignValidator.conversion(input, scope.tenant().stageKeys());
            return touchpoints.requireReferences(connection, contactId, campaignId, null)
                    .chain(() -> touchpoints.insertConversion(connection, contactId, campaignId, input.occurredAt(),
                            input.value(), input.stage()))
                    .call(c -> changes.record(connection, ChangeTypes.CONVERSION_RECORDED, contactId, new JsonObject()
                            .put("conversionId", c.id()).put("campaignId", Ids.text(campaignId)).put("stage", c.stage())));
        }, Conversion::id);
    }

    @Name("contact")
    @NonNull
    public Uni<List<@NonNull Contact>> touchpointContact(@Source List<Touchpoint> page) {
        return contactsOf(page.stream().map(Touchpoint::contactId).toList());
    }

    @Name("campaign")
    public Uni<List<Campaign>> touchpointCampaign(@Source List<Touchpoint> page) {
        return campaignsOf(page.stream().map(Touchpoint::campaignId).toList());
    }

    @Name("contact")
    @NonNull
    public Uni<List<@NonNull Contact>> conversionContact(@Source List<Conversion> page) {
        return contactsOf(page.stream().map(Conversion::contactId).toList());
    }

    @Name("campaign")
    public Uni<List<Campaign>> conversionCampaign(@Source List<Conversion> page) {
        return campaignsOf(page.stream().map(Conversion::campaignId).toList());
    }

    @Description("The contact's touchpoints, latest first.")
    @NonNull
    public Uni<List<@NonNull TouchpointConnection>> touchpoints(@Source List<Contact> page,
            @DefaultValue("20") Integer first, String after) {
        return requests.run(Permission.READ, connection -> {
            int size = PageSize.check(first, 20);
            Cursor cursor = after == null ? null : Cursor.decode(after, TouchpointRepository.CURSOR_KIND, CursorKey.TIMESTAMP);
            List<Long> ids = page.stream().map(c -> Long.parseLong(c.id())).toList();
            return touchpoints.pagesByContact(connection, CampaignGraphQLApi.distinctNonNull(ids), cursor, size)
                    .map(pages -> ids.stream().map(pages::get).toList());
        });
    }

    @Name("totalCount")
    @Description("How many touchpoints the contact has, whatever the page.")
    @NonNull
    public Uni<List<@NonNull Integer>> touchpointTotalCount(@Source List<TouchpointConnection> page) {
        List<Long> ids = page.stream().map(TouchpointConnection::contactId).toList();
        return requests.run(Permission.READ, connection -> touchpoints
                .countByContact(connection, CampaignGraphQLApi.distinctNonNull(ids))
                .map(counts -> CampaignGraphQLApi.inOrder(ids, counts)));
    }

    private Uni<List<Contact>> contactsOf(List<Long> ids) {
        long[] distinct = CampaignGraphQLApi.distinctNonNull(ids).stream().mapToLong(Long::longValue).toArray();
        return requests.run(Permission.READ, connection -> contacts.findByIds(connection, distinct).map(found -> {
            Map<String, Contact> byId = new HashMap<>();
            found.forEach(contact -> byId.put(contact.id(), contact));
            List<Contact> out = new ArrayList<>(ids.size());
            ids.forEach(id -> out.add(byId.get(Ids.of(id))));
            return out;
        }));
    }

    private Uni<List<Campaign>> campaignsOf(List<Long> ids) {
        return requests.run(Permission.READ, connection -> campaigns
                .byIds(connection, CampaignGraphQLApi.distinctNonNull(ids))
                .map((Map<Long, Campaign> found) -> CampaignGraphQLApi.aligned(ids, found)));
    }
}
