package org.socialcrm.profile;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.TestTenants;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Upserts write their changes to the outbox in their own transaction (design.md §9): a created or changed row is a
 * contact.created/contact.updated change, a stage move a lifecycle.changed change, a consent change a consent.changed
 * change; an unchanged re-run writes nothing, and another tenant's feed shows none of it.
 */
@QuarkusTest
class UpsertChangeFeedTest {

    static final String UPSERT = "mutation($i: [ContactUpsertInput!]!) { upsertContacts(input: $i) { created updated unchanged "
            + "outcomes { contactId outcome } } }";
    static final String CHANGES = "query($t: [String!]) { changes(first: 200, types: $t) { edges { node { type subjectId data } } } }";

    @Inject
    TenantFixtures fixtures;

    @Test
    void upsertedRowsLeaveTheirChangesInTheFeedOnceAndOnlyInTheirTenant() {
        String tenant = fixtures.createIsolated("upsfeed", null);
        String other = fixtures.createIsolated("upsfeed-other", null);
        GraphQLClient admin = TestTenants.admin(tenant);
        List<Map<String, Object>> rows = List.of(
                Map.of("emails", List.of("ada@example.com"), "firstName", "Ada", "lifecycleStage", "lead",
                        "channelPreferences", List.of(Map.of("channel", "EMAIL", "status", "OPTED_OUT", "source", "form"))),
                Map.of("emails", List.of("bob@example.com"), "firstName", "Bob"));
        JsonPath first = admin.ok(UPSERT, Map.of("i", rows));
        assertEquals(2, first.getInt("data.upsertContacts.created"));
        List<String> ids = first.getList("data.upsertContacts.outcomes.contactId");

        // a change is readable once every transaction that could still write before it has ended
        await().atMost(Duration.ofSeconds(15)).until(() -> subjects(admin, "contact.created").containsAll(ids));
        List<String> created = subjects(admin, "contact.created");
        assertTrue(created.containsAll(ids), "every created row is a contact.created change: " + created);
        assertTrue(subjects(admin, "lifecycle.changed").contains(ids.get(0)), "the stage set by the upsert is a lifecycle change");
        assertEquals(List.of(ids.get(0)), subjects(admin, "consent.changed"), "the opt-out is a consent change");
        // the batch's changes in feed order with their data, as the API shows them (data built in one statement with
        // the rows it describes: ChangeLog.recordSame, recordWith)
        String transitions = fixtures.inTenant(tenant, c -> c.query("select string_agg(id::text, ',' order by id) from lifecycle_transition")
                .execute().map(r -> r.iterator().next().getString(0)));
        List<String> transitionIds = List.of(transitions.split(","));
        assertEquals(List.of(
                Map.of("type", "contact.created", "subjectId", ids.get(0), "data", Map.of("source", "upsert")),
                Map.of("type", "contact.created", "subjectId", ids.get(1), "data", Map.of("source", "upsert")),
                Map.of("type", "lifecycle.changed", "subjectId", ids.get(0), "data", transition(transitionIds.get(0), "lead")),
                Map.of("type", "lifecycle.changed", "subjectId", ids.get(1), "data", transition(transitionIds.get(1), "subscriber"))),
                admin.ok(CHANGES, Map.of("t", List.of("contact.created", "lifecycle.changed"))).getList("data.changes.edges.node"));

        JsonPath again = admin.ok(UPSERT, Map.of("i", rows));
        assertEquals(2, again.getInt("data.upsertContacts.unchanged"));
        assertEquals(created.size(), subjects(admin, "contact.created").size(), "an unchanged re-run records nothing");
        assertTrue(subjects(admin, "contact.updated").isEmpty(), "an unchanged re-run records no update");

        admin.ok(UPSERT, Map.of("i", List.of(Map.of("emails", List.of("bob@example.com"), "lastName", "Baker"))));
        await().atMost(Duration.ofSeconds(15)).until(() -> !subjects(admin, "contact.updated").isEmpty());
        assertEquals(List.of(ids.get(1)), subjects(admin, "contact.updated"), "a changed row is a contact.updated change");

        assertTrue(TestTenants.admin(other).ok(CHANGES, Map.of("t", List.of("consent.changed")))
                .getList("data.changes.edges").isEmpty(), "another tenant's feed holds none of these changes");
    }

    private static Map<String, Object> transition(String id, String to) {
        Map<String, Object> data = new java.util.HashMap<>();
        data.put("transitionId", id);
        data.put("fromStage", null);
        data.put("toStage", to);
        data.put("source", "upsert");
        return data;
    }

    private static List<String> subjects(GraphQLClient client, String type) {
        return client.ok(CHANGES, Map.of("t", List.of(type))).getList("data.changes.edges.node.subjectId");
    }
}
