package org.socialcrm.contact;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TestTenants;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Issue 19, point 5: mergeContacts(duplicateIds: [ID!]!) is served exactly as the contract declares it. */
@QuarkusTest
class MergeContactsIdListTest {

    static final String MERGE = "mutation($s: ID!, $d: [ID!]!) { mergeContacts(survivorId: $s, duplicateIds: $d) { id displayName } }";
    static final String CREATE = "mutation($n: String!) { createContact(input: { firstName: $n }) { id } }";

    @Test
    void theSchemaDeclaresAListOfIds() {
        String sdl = given().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        assertTrue(sdl.contains("duplicateIds: [ID!]!"), "mergeContacts as served: "
                + sdl.lines().filter(line -> line.contains("mergeContacts")).toList());
    }

    @Test
    void aClientSendingIdListVariablesMerges() {
        String tenant = TestTenants.create("merge-ids");
        GraphQLClient admin = TestTenants.admin(tenant);
        String survivor = admin.ok(CREATE, Map.of("n", "Keep")).getString("data.createContact.id");
        String dup = admin.ok(CREATE, Map.of("n", "Dup")).getString("data.createContact.id");
        String literal = admin.ok(CREATE, Map.of("n", "Literal")).getString("data.createContact.id");
        JsonPath merged = admin.ok(MERGE, Map.of("s", survivor, "d", List.of(dup)));
        assertEquals(survivor, merged.getString("data.mergeContacts.id"));
        assertNull(admin.ok("query($id: ID!) { contact(id: $id) { id } }", Map.of("id", dup)).get("data.contact"));
        // a literal list, and an ID given as a JSON number (the ID scalar accepts both)
        admin.ok("mutation { mergeContacts(survivorId: \"" + survivor + "\", duplicateIds: [\"" + literal + "\"]) { id } }");
        String numeric = admin.ok(CREATE, Map.of("n", "Numeric")).getString("data.createContact.id");
        admin.ok(MERGE, Map.of("s", survivor, "d", List.of(Long.parseLong(numeric))));
        assertNull(admin.ok("query($id: ID!) { contact(id: $id) { id } }", Map.of("id", numeric)).get("data.contact"));
        // bad ids are still BAD_USER_INPUT on the argument
        JsonPath bad = admin.run(MERGE, Map.of("s", survivor, "d", List.of("not-an-id")));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(bad), bad.prettify());
        assertEquals("duplicateIds", bad.getString("errors[0].extensions.field"));
    }

    /**
     * The survivor moves to the furthest stage and its history says from which: the stage is read before the same
     * statement updates it (on Citus only when that read is a materialized CTE, docs/scale-out.md rule 11).
     */
    @Test
    void theMergesTransitionStartsFromTheSurvivorsOldStage() {
        String tenant = TestTenants.create("merge-stage");
        GraphQLClient admin = TestTenants.admin(tenant);
        String stage = "mutation($n: String!, $s: String!) { createContact(input: { firstName: $n, lifecycleStage: $s }) { id } }";
        String survivor = admin.ok(stage, Map.of("n", "Lead", "s", "lead")).getString("data.createContact.id");
        String dup = admin.ok(stage, Map.of("n", "Customer", "s", "customer")).getString("data.createContact.id");
        admin.ok(MERGE, Map.of("s", survivor, "d", List.of(dup)));
        JsonPath history = admin.ok("query($id: ID!) { contact(id: $id) { lifecycleStage lifecycleHistory { fromStage toStage source } } }",
                Map.of("id", survivor));
        assertEquals("customer", history.getString("data.contact.lifecycleStage"));
        List<Map<String, Object>> merges = history.<Map<String, Object>>getList("data.contact.lifecycleHistory").stream()
                .filter(t -> "merge".equals(t.get("source"))).toList();
        assertEquals(List.of(Map.of("fromStage", "lead", "toStage", "customer", "source", "merge")), merges, history.prettify());
    }

    @Test
    void anotherTenantsContactCannotBeMergedIn() {
        String tenant = TestTenants.create("merge-ids-a");
        String other = TestTenants.create("merge-ids-b");
        GraphQLClient admin = TestTenants.admin(tenant);
        GraphQLClient otherAdmin = TestTenants.admin(other);
        String survivor = admin.ok(CREATE, Map.of("n", "Keep")).getString("data.createContact.id");
        otherAdmin.ok(CREATE, Map.of("n", "Padding"));
        String foreign = otherAdmin.ok(CREATE, Map.of("n", "Foreign")).getString("data.createContact.id");
        // fresh schemas number from 1: the foreign id names no contact of this tenant
        assertNull(admin.ok("query($id: ID!) { contact(id: $id) { id } }", Map.of("id", foreign)).get("data.contact"));
        JsonPath refused = admin.run(MERGE, Map.of("s", survivor, "d", List.of(foreign)));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(refused), refused.prettify());
        assertEquals("Foreign", otherAdmin.ok("query($id: ID!) { contact(id: $id) { firstName } }", Map.of("id", foreign))
                .getString("data.contact.firstName"));
    }
}
