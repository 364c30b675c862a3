package org.socialcrm.field;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;
import org.socialcrm.common.Ids;
import org.socialcrm.contact.Contact;
import org.socialcrm.contact.ContactQuery;
import org.socialcrm.contact.ContactRepository;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantRequests;

import io.smallrye.mutiny.Uni;

/** Canvasses: recorded one at a time or as an offline batch; a contact's history. */
@GraphQLApi
public class CanvassGraphQLApi {

    private final TenantRequests requests;
    private final CanvassRecorder recorder;
    private final CanvassRepository canvasses;
    private final TurfRepository turfs;
    private final ContactRepository contacts;
    private final TurfContactVisibility visibility;

    public CanvassGraphQLApi(TenantRequests requests, CanvassRecorder recorder, CanvassRepository canvasses, TurfRepository turfs,
            ContactRepository contacts, TurfContactVisibility visibility) {
        this.requests = requests;
        this.recorder = recorder;
        this.canvasses = canvasses;
        this.turfs = turfs;
        this.contacts = contacts;
        this.visibility = visibility;
    }

    @Mutation("recordCanvass")
    @Description("A door or phone conversation: records a CANVASS/PHONE touchpoint, may set support level and move the stage.")
    public Uni<@NonNull CanvassResult> recordCanvass(@NonNull @Name("input") CanvassInput input) {
        return record(List.of(input), "input").map(results -> results.get(0));
    }

    @Mutation("recordCanvasses")
    @Description("Extension: a batch of canvasses recorded offline (at most 500), applied in occurredAt order in one transaction. "
            + "Idempotent by clientId: a canvass already recorded is answered as stored and written again nowhere.")
    public Uni<@NonNull List<@NonNull CanvassResult>> recordCanvasses(@NonNull @Name("inputs") List<@NonNull CanvassInput> inputs) {
        return record(inputs, "inputs[]");
    }

    private Uni<List<CanvassResult>> record(List<CanvassInput> inputs, String path) {
        String fieldWorker = visibility.fieldWorker();
        return requests.mutate(Permission.RECORD_CANVASS, "canvass.record", (scope, connection) -> recorder.record(connection, scope,
                CanvassCheck.check(inputs, scope.tenant().stageKeys(), path, OffsetDateTime.now()), requests.actor(), fieldWorker),
                results -> results.get(0).id());
    }

    @NonNull
    public Uni<List<List<@NonNull CanvassResult>>> canvassHistory(@Source List<Contact> parents) {
        return requests.run(Permission.READ, connection -> canvasses.history(connection, parents.stream().map(c -> Ids.parse(c.id())).toList()));
    }

    @NonNull
    public Uni<List<@NonNull Contact>> contact(@Source List<CanvassResult> parents) {
        ContactQuery query = visibility.restrict(new ContactQuery(null).where("c.id = any(?)",
                (Object) parents.stream().map(CanvassResult::contactId).distinct().toArray(Long[]::new)));
        return requests.run(Permission.READ, connection -> contacts.listKeyed(connection, query, "c.id").map(found -> {
            java.util.Map<String, Contact> byId = new java.util.HashMap<>();
            found.forEach(entry -> byId.put(entry.getKey(), entry.getValue()));
            return parents.stream().map(p -> byId.get(Long.toString(p.contactId()))).toList();
        }));
    }

    public Uni<List<Turf>> turf(@Source List<CanvassResult> parents) {
        return requests.run(Permission.READ, connection -> turfs.byIds(connection, parents.stream().map(CanvassResult::turfId).toList(),
                visibility.fieldWorker()));
    }
}
