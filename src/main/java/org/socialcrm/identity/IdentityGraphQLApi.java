package org.socialcrm.identity;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.socialcrm.change.ChangeLog;
import org.socialcrm.change.ChangeTypes;
import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.Cursor;
import org.socialcrm.common.CursorKey;
import org.socialcrm.common.Ids;
import org.socialcrm.common.Network;
import org.socialcrm.common.NotFoundException;
import org.socialcrm.common.PageSize;
import org.socialcrm.contact.Contact;
import org.socialcrm.contact.ContactRepository;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantRequests;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Social identities, the influencer roster and the influence fields of contacts. */
@GraphQLApi
public class IdentityGraphQLApi {

    private final TenantRequests requests;
    private final SocialIdentityRepository identities;
    private final InfluenceScores scores;
    private final ContactRepository contacts;
    private final ChangeLog changes;

    public IdentityGraphQLApi(TenantRequests requests, SocialIdentityRepository identities, InfluenceScores scores,
            ContactRepository contacts, ChangeLog changes) {
        this.changes = changes;
        this.requests = requests;
        this.identities = identities;
        this.scores = scores;
        this.contacts = contacts;
    }

    @Mutation("linkSocialIdentity")
    public Uni<@NonNull SocialIdentity> linkSocialIdentity(@Id @NonNull @Name("contactId") String contactId,
            @NonNull @Name("input") SocialIdentityInput input) {
        return requests.mutate(Permission.WRITE_CONTACTS, "socialIdentity.link", (scope, connection) -> {
            long id = Ids.require(contactId, "contactId");
            String handle = Handles.require(input.handle());
            text("externalId", input.externalId());
            text("profileUrl", input.profileUrl());
            return identities.contactExists(connection, id).chain(exists -> {
                if (!exists) {
                    throw new NotFoundException("No contact with this id.");
                }
                return identities.insert(connection, id, input, handle);
            }).map(inserted -> inserted.orElseThrow(
                    () -> new BadUserInputException("handle", "is already linked to a contact on this network")))
                    .call(linked -> identitiesChanged(connection, linked.contactId()));
        }, SocialIdentity::id);
    }

    @Mutation("unlinkSocialIdentity")
    public Uni<@NonNull Boolean> unlinkSocialIdentity(@Id @NonNull @Name("id") String id) {
        return requests.mutate(Permission.WRITE_CONTACTS, "socialIdentity.unlink", (scope, connection) -> identities
                .delete(connection, Ids.require(id, "id"))
                .chain(contactId -> {
                    if (contactId.isEmpty()) {
                        throw new NotFoundException("No social identity with this id.");
                    }
                    return scores.refreshContacts(connection, new long[] { contactId.get() })
                            .chain(() -> identitiesChanged(connection, contactId.get()));
                }).replaceWith(Boolean.TRUE), ignored -> id);
    }

    @Mutation("markInfluencer")
    public Uni<@NonNull SocialIdentity> markInfluencer(@Id @NonNull @Name("identityId") String identityId,
            @NonNull @Name("influencer") boolean influencer, @io.smallrye.graphql.api.Nullable @Name("topics") List<@NonNull String> topics) {
        return requests.mutate(Permission.WRITE_CONTACTS, "socialIdentity.markInfluencer", (scope, connection) -> {
            long id = Ids.require(identityId, "identityId");
            List<String> normalized = topics == null ? null : Topics.normalize(topics);
            return identities.markInfluencer(connection, id, influencer, normalized)
                    .map(found -> found.orElseThrow(() -> new NotFoundException("No social identity with this id.")))
                    .call(marked -> identitiesChanged(connection, marked.contactId()));
        }, SocialIdentity::id);
    }

    /** A contact's social identities changed: contact.updated in the feed, naming the field. */
    private Uni<Void> identitiesChanged(io.vertx.mutiny.sqlclient.SqlConnection connection, long contactId) {
        return changes.record(connection, ChangeTypes.CONTACT_UPDATED, contactId,
                new io.vertx.core.json.JsonObject().put("fields", new io.vertx.core.json.JsonArray().add("socialIdentities")));
    }

    @Query("influencers")
    @Description("Social identities ranked by influence score (the tenant's influencer roster).")
    public Uni<@NonNull InfluencerConnection> influencers(@DefaultValue("20") Integer first, String after, Network network,
            Double minScore, String topic, InfluencerTier tier) {
        return requests.run(Permission.READ, connection -> {
            int size = PageSize.check(first, 20);
            Cursor cursor = after == null ? null : Cursor.decode(after, InfluencerFilter.CURSOR_KIND, CursorKey.NUMBER);
            if (cursor != null) {
                try {
                    Double.parseDouble(cursor.sortKey());
                } catch (NumberFormatException e) {
                    throw new BadUserInputException("after", "is not a cursor of this list");
                }
            }
            return identities.influencers(connection, new InfluencerFilter(network, minScore, topic, tier), cursor, size);
        });
    }

    @Description("How many influencers match, whatever the page.")
    @NonNull
    public Uni<List<Integer>> totalCount(@Source List<InfluencerConnection> connections) {
        return requests.run(Permission.READ, connection -> Multi.createFrom().iterable(connections)
                .onItem().transformToUniAndConcatenate(c -> identities.count(connection, c.filter()))
                .collect().asList());
    }

    /** Contact.socialIdentities, for all contacts of a response in one query. */
    @NonNull
    public Uni<List<List<@NonNull SocialIdentity>>> socialIdentities(@Source List<Contact> parents) {
        List<Long> ids = parents.stream().map(c -> Ids.parse(c.id())).toList();
        return requests.run(Permission.READ, connection -> identities.byContacts(connection, ids));
    }

    /** SocialIdentity.contact, for all identities of a response in one query. */
    @NonNull
    public Uni<List<Contact>> contact(@Source List<SocialIdentity> parents) {
        List<Long> ids = parents.stream().map(SocialIdentity::contactId).distinct().toList();
        return requests.run(Permission.READ, connection -> contacts.findByIds(connection, ids.stream().mapToLong(Long::longValue).toArray()))
                .map(found -> {
                    Map<String, Contact> byId = found.stream().collect(Collectors.toMap(Contact::id, c -> c));
                    return parents.stream().map(p -> byId.get(Ids.of(p.contactId()))).toList();
                });
    }

    /**
     * SocialIdentity.metrics: one metric's time series, for all identities of a response in one query per distinct
     * set of arguments (aliases with other arguments get their own batch: {@code api.LeanBatchDataFetcher}).
     */
    @Description("Points of one metric (followers, following, posts, engagement_rate, ...) in time order, within [from, to].")
    @NonNull
    public Uni<List<List<@NonNull MetricPoint>>> metrics(@Source List<SocialIdentity> parents,
            @NonNull @Name("metric") String metric, @Name("from") OffsetDateTime from, @Name("to") OffsetDateTime to) {
        List<Long> ids = parents.stream().map(p -> Ids.parse(p.id())).toList();
        return requests.run(Permission.READ, connection -> identities.metrics(connection, ids, metric, from, to));
    }

    private static void text(String field, String value) {
        if (value != null && value.length() > 500) {
            throw new BadUserInputException(field, "at most 500 characters");
        }
    }

}
