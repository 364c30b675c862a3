package org.socialcrm.lifecycle;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.Ids;
import org.socialcrm.common.NotFoundException;
import org.socialcrm.common.SafeFailures;
import org.socialcrm.contact.Contact;
import org.socialcrm.contact.ContactRepository;
import org.socialcrm.change.Change;
import org.socialcrm.change.ChangeStream;
import org.socialcrm.change.ChangeTypes;
import org.socialcrm.security.Subscriber;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantRequests;
import org.socialcrm.segment.SegmentMembers;
import org.socialcrm.tenancy.LifecycleStageDefinition;
import org.socialcrm.tenancy.TenantScope;

import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Lifecycle stages, moves between them, each contact's history, the funnel and live changes. */
@GraphQLApi
public class LifecycleGraphQLApi {

    private final TenantRequests requests;
    private final ChangeStream changes;
    private final LifecycleHistory history;
    private final FunnelReport funnels;
    private final ContactRepository contacts;
    private final SegmentMembers segments;

    public LifecycleGraphQLApi(TenantRequests requests, ChangeStream changes, LifecycleHistory history,
            FunnelReport funnels, ContactRepository contacts, SegmentMembers segments) {
        this.segments = segments;
        this.requests = requests;
        this.changes = changes;
        this.history = history;
        this.funnels = funnels;
        this.contacts = contacts;
    }

    @Query("lifecycleStages")
    @Description("The tenant's ordered lifecycle stages (configurable per tenant).")
    public Uni<@NonNull List<@NonNull LifecycleStage>> lifecycleStages() {
        return requests.run(Permission.READ, (scope, connection) -> Uni.createFrom().item(stagesOf(scope)));
    }

    static List<LifecycleStage> stagesOf(TenantScope scope) {
        List<LifecycleStageDefinition> definitions = scope.tenant().lifecycleStages();
        List<LifecycleStage> stages = new ArrayList<>();
        for (int i = 0; i < definitions.size(); i++) {
            stages.add(new LifecycleStage(definitions.get(i).key(), definitions.get(i).label(), i + 1));
        }
        return stages;
    }

    @Mutation("moveLifecycleStage")
    @Description("Moves a contact to another stage of the tenant's ladder (backwards too) and records the transition.")
    public Uni<@NonNull Contact> moveLifecycleStage(@Id @NonNull @Name("contactId") String contactId,
            @NonNull @Name("stage") String stage, @Id @Name("campaignId") String campaignId, @Name("note") String note) {
        return requests.mutate(Permission.WRITE_CONTACTS, "contact.moveLifecycleStage", (scope, connection) -> {
            long id = Ids.require(contactId, "contactId");
            Long campaign = campaignId == null ? null : Ids.require(campaignId, "campaignId");
            return history.move(connection, scope, id, stage, campaign, note, "api")
                    .chain(transition -> contacts.findById(connection, id))
                    .map(found -> found.orElseThrow(() -> new NotFoundException("No contact with this id.")));
        }, Contact::id);
    }

    /** Contact.lifecycleHistory, for all contacts of a response in one query. */
    @Description("The contact's stage changes, oldest first.")
    @NonNull
    public Uni<List<List<@NonNull LifecycleTransition>>> lifecycleHistory(@Source List<Contact> parents) {
        List<Long> ids = parents.stream().map(c -> Ids.parse(c.id())).toList();
        return requests.run(Permission.READ, connection -> history.byContacts(connection, ids));
    }

    /** LifecycleTransition.contact, for all transitions of a response in one query. */
    @NonNull
    public Uni<List<Contact>> contact(@Source List<LifecycleTransition> parents) {
        List<Long> ids = parents.stream().map(LifecycleTransition::contactId).distinct().toList();
        return requests.runFor(LifecycleTransition.subscriberOf(parents), Permission.READ,
                connection -> contacts.findByIds(connection, ids.stream().mapToLong(Long::longValue).toArray()))
                .map(found -> {
                    Map<String, Contact> byId = found.stream().collect(Collectors.toMap(Contact::id, c -> c));
                    return parents.stream().map(p -> byId.get(Ids.of(p.contactId()))).toList();
                });
    }

    /** See {@link FunnelReport} for the exact meaning of every number, including the campaign restriction. */
    @Query("funnel")
    @Description("Contacts per lifecycle stage, stage-to-stage conversion and time in stage.")
    public Uni<@NonNull Funnel> funnel(@Name("from") OffsetDateTime from, @Name("to") OffsetDateTime to,
            @Id @Name("segmentId") String segmentId, @Id @Name("campaignId") String campaignId) {
        return requests.report(Permission.READ, (scope, connection) -> {
            if (from != null && to != null && from.isAfter(to)) {
                throw new BadUserInputException("from", "must not be after to");
            }
            Long campaign = campaignId == null ? null : Ids.require(campaignId, "campaignId");
            List<String> stages = scope.tenant().stageKeys();
            Uni<Long[]> members = segmentId == null ? Uni.createFrom().nullItem()
                    : segments.contactIds(connection, segmentId, stages);
            return members.chain(ids -> funnels.funnel(connection, stages, from, to, campaign, ids));
        });
    }

    /**
     * Live lifecycle moves of the caller's tenant, read from the change feed after they commit. The tenant is resolved
     * and authorized when the subscription starts (header X-Tenant-ID of the websocket upgrade, or the caller's only
     * tenant), and again before every poll; each event carries its subscriber, so nested fields (contact, campaign)
     * resolve in the subscriber's tenant whatever thread serves them. {@code after}: the changeCursor of the last event
     * received, to resume without a gap. The field is nullable on purpose: SmallRye turns a failed subscription into a
     * null item with errors, which graphql-java drops silently for a non-null field; nullable, the client receives the
     * error (FORBIDDEN, UNAUTHENTICATED...) in a {@code next} message.
     */
    @Subscription("lifecycleChanged")
    @Description("Lifecycle moves of the caller's tenant as they commit. Nullable (unlike the first contract) so that a "
            + "refused subscription can deliver its error: see docs/api.md. after: a changeCursor to resume from.")
    public Multi<LifecycleTransition> lifecycleChanged(@Name("after") String after) {
        return changes.subscribe(after, List.of(ChangeTypes.LIFECYCLE_CHANGED), this::transitions);
    }

    /** The transitions of a batch of lifecycle.changed changes, each marked with its cursor and subscriber. */
    private Uni<List<LifecycleTransition>> transitions(Subscriber subscriber, List<Change> batch) {
        Map<Long, String> cursors = new java.util.HashMap<>();
        List<Long> ids = new ArrayList<>();
        for (Change change : batch) {
            long id = Ids.parse(change.data().getString("transitionId", ""));
            ids.add(id);
            cursors.put(id, change.position().cursor());
        }
        return requests.runAs(subscriber, connection -> history.byIds(connection, ids))
                .map(found -> found.stream().map(t -> t.asEvent(cursors.get(Ids.parse(t.id())), subscriber)).toList());
    }
}
