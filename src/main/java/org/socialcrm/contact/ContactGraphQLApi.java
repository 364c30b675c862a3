package org.socialcrm.contact;

import java.util.List;
import java.util.Optional;

import jakarta.json.JsonObject;

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
import org.socialcrm.audit.AuditLog;
import org.socialcrm.common.Cursor;
import org.socialcrm.common.ForbiddenException;
import org.socialcrm.common.Ids;
import org.socialcrm.common.NotFoundException;
import org.socialcrm.common.PageSize;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantAccess;
import org.socialcrm.security.TenantRequests;
import org.socialcrm.targeting.ContactFilter;
import org.socialcrm.targeting.RuleCompiler;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;

@GraphQLApi
public class ContactGraphQLApi {

    private final TenantRequests requests;
    private final ContactRepository contacts;
    private final ContactMerger merger;
    private final ContactPrivacy privacy;
    private final RuleCompiler rules;
    private final StageMoves lifecycle;
    private final ChangeLog changes;

    private final AuditLog audit;
    private final TenantAccess access;
    private final ContactVisibility visibility;

    public ContactGraphQLApi(TenantRequests requests, ContactRepository contacts, ContactMerger merger, ContactPrivacy privacy,
            RuleCompiler rules, StageMoves lifecycle, ChangeLog changes, AuditLog audit, TenantAccess access,
            ContactVisibility visibility) {
        this.visibility = visibility;
        this.changes = changes;
        this.audit = audit;
        this.access = access;
        this.lifecycle = lifecycle;
        this.requests = requests;
        this.contacts = contacts;
        this.merger = merger;
        this.privacy = privacy;
        this.rules = rules;
    }

    @Query("contact")
    public Uni<Contact> contact(@Id @NonNull @Name("id") String id) {
        long contactId = Ids.parse(id, "id");
        if (!visibility.confined()) {
            return requests.run(Permission.READ, connection -> contacts.findById(connection, contactId).map(c -> c.orElse(null)));
        }
        // a confined caller learns nothing of contacts outside its reach: absent and hidden are the same NOT_FOUND
        return requests.run(Permission.READ, connection -> contacts.listKeyed(connection,
                visibility.restrict(new ContactQuery(null).where("c.id = ?", contactId)), "c.id").map(found -> {
                    if (found.isEmpty()) {
                        throw new NotFoundException("No such contact.");
                    }
                    return found.get(0).getValue();
                }));
    }

    @Query("contacts")
    public Uni<@NonNull ContactConnection> contacts(@DefaultValue("50") Integer first, String after, ContactFilter filter,
            @DefaultValue("UPDATED_AT_DESC") ContactOrder orderBy) {
        return requests.run(Permission.READ, (scope, connection) -> {
            int size = PageSize.check(first, 50);
            if (filter != null && (filter.segmentId() != null || filter.rule() != null) && visibility.confined()) {
                throw new ForbiddenException("Your role does not allow segments.");
            }
            ContactQuery query = visibility.restrict(new ContactQuery(orderBy));
            Cursor cursor = after == null ? null : Cursor.decode(after, query.order().cursorKind(), query.order().cursorKey());
            Uni<ContactQuery> full = rules.filter(connection, scope.tenant().stageKeys(), filter).map(query::where);
            return full.chain(q -> contacts.page(connection, q, cursor, size));
        });
    }

    @Description("How many contacts match, whatever the page.")
    @NonNull
    public Uni<List<Integer>> totalCount(@Source List<ContactConnection> connections) {
        return requests.run(Permission.READ, connection -> contacts.counts(connection, connections.stream().map(ContactConnection::query).toList()));
    }

    @Mutation("createContact")
    public Uni<@NonNull Contact> createContact(@NonNull ContactInput input) {
        return requests.mutate(Permission.WRITE_CONTACTS, "contact.create", (scope, connection) -> {
            List<String> stages = scope.tenant().stageKeys();
            ContactValidator.validate(input, stages);
            return contacts.insert(connection, input, stages.get(0)).call(c -> changes.record(connection, ChangeTypes.CONTACT_CREATED,
                    Ids.parse(c.id()), new io.vertx.core.json.JsonObject().put("lifecycleStage", c.lifecycleStage())));
        }, Contact::id);
    }

    @Mutation("updateContact")
    public Uni<@NonNull Contact> updateContact(@Id @NonNull @Name("id") String id, @NonNull ContactInput input) {
        return requests.mutate(Permission.WRITE_CONTACTS, "contact.update", (scope, connection) -> {
            ContactValidator.validate(input, scope.tenant().stageKeys());
            long contactId = Ids.parse(id, "id");
            return contacts.update(connection, contactId, input)
                    .map(updated -> updated.orElseThrow(() -> new NotFoundException("No such contact.")))
                    .call(updated -> changes.record(connection, ChangeTypes.CONTACT_UPDATED, contactId, ContactChanges.updated(input)))
                    .call(updated -> input.consent() == null ? Uni.createFrom().voidItem()
                            : changes.record(connection, ChangeTypes.CONSENT_CHANGED, contactId, ContactChanges.consent(updated.consent())))
                    .chain(updated -> input.lifecycleStage() == null || input.lifecycleStage().equals(updated.lifecycleStage())
                            ? Uni.createFrom().item(updated)
                            : lifecycle.move(connection, scope, contactId, input.lifecycleStage(), null, null, "api")
                                    .chain(() -> contacts.findById(connection, contactId)).map(Optional::orElseThrow));
        }, Contact::id);
    }

    @Mutation("mergeContacts")
    @Description("Identity resolution: folds duplicates into the survivor (identities, touchpoints, history move over).")
    public Uni<@NonNull Contact> mergeContacts(@Id @NonNull @Name("survivorId") String survivorId,
            @NonNull @Name("duplicateIds") List<@NonNull String> duplicateIds) {
        return requests.mutate(Permission.WRITE_CONTACTS, "contact.merge", (scope, connection) -> merger.merge(connection,
                Ids.require(survivorId, "survivorId"),
                duplicateIds.stream().mapToLong(d -> Ids.require(d, "duplicateIds")).toArray(), scope.tenant().stageKeys())
                // which ids went into which, before and after (ids, stages and counts only)
                .call(merged -> audit.record(connection, access.caller().subject(), "contact.merged", merged.survivor().id(), merged.details()))
                .call(merged -> changes.record(connection, ChangeTypes.CONTACT_MERGED, Ids.parse(merged.survivor().id()),
                        new io.vertx.core.json.JsonObject().put("mergedIds", new JsonArray(duplicateIds))))
                .map(ContactMerger.Merged::survivor), Contact::id);
    }

    @Mutation("eraseContact")
    @Description("Right to erasure: removes the contact and everything personal that hangs off it.")
    public Uni<@NonNull Boolean> eraseContact(@Id @NonNull @Name("id") String id) {
        return requests.mutate(Permission.PRIVACY, "contact.erase", (scope, connection) -> privacy.erase(connection, Ids.parse(id, "id"))
                .call(erased -> erased ? changes.record(connection, ChangeTypes.CONTACT_ERASED, Ids.parse(id, "id"), null) : Uni.createFrom().voidItem()),
                erased -> id);
    }

    @Mutation("exportContact")
    @Description("Right of access: everything stored about one contact.")
    public Uni<@NonNull JsonObject> exportContact(@Id @NonNull @Name("id") String id) {
        return requests.mutate(Permission.PRIVACY, "contact.export", (scope, connection) -> privacy.export(connection, Ids.parse(id, "id")),
                exported -> id);
    }
}
