package org.socialcrm.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TestTenants;
import org.socialcrm.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactManagementTest {

    static final String CREATE = "mutation($i: ContactInput!) { createContact(input: $i) { id displayName tags lifecycleStage email } }";
    static final String PAGE = "query($f: ContactFilter, $o: ContactOrder, $first: Int, $after: String) { contacts(first: $first, after: $after, filter: $f, orderBy: $o) "
            + "{ totalCount edges { cursor node { id firstName } } pageInfo { hasNextPage endCursor } } }";

    @Inject
    TenantFixtures fixtures;

    String tenant;
    GraphQLClient admin;

    @BeforeEach
    void tenant() {
        // once per class; not in @BeforeAll, which runs before the test HTTP port is known
        if (tenant == null) {
            tenant = fixtures.createIsolated("contacts", null);
            admin = TestTenants.admin(tenant);
        }
    }

    String create(Map<String, Object> input) {
        return admin.ok(CREATE, Map.of("i", input)).getString("data.createContact.id");
    }

    @Test
    void validationNamesTheFieldAndWritesNothing() {
        Map<String, Map<String, Object>> bad = Map.of(
                "email", Map.of("firstName", "Bad", "email", "not-an-email"),
                "lifecycleStage", Map.of("firstName", "Bad", "lifecycleStage", "astronaut"),
                "tags", Map.of("firstName", "Bad", "tags", java.util.Collections.nCopies(51, "t")),
                "attributes", Map.of("firstName", "Bad", "attributes", List.of(1, 2, 3)));
        bad.forEach((field, input) -> {
            JsonPath json = admin.run(CREATE, Map.of("i", input));
            assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(json), field);
            assertEquals(field, json.getString("errors[0].extensions.field"), field);
            assertFalse(json.prettify().matches("(?s).*(org\\.socialcrm|\\tat |select |Pg).*"), json.prettify());
        });
        JsonPath big = admin.run(CREATE, Map.of("i", Map.of("attributes", Map.of("blob", "x".repeat(20_000)))));
        assertEquals("attributes", big.getString("errors[0].extensions.field"));
        assertEquals(0, admin.ok(PAGE, Map.of("f", Map.of("search", "Bad"))).getInt("data.contacts.totalCount"));
    }

    @Test
    void emailIsUniquePerTenantCaseInsensitively() {
        create(Map.of("firstName", "Uno", "email", "same@example.com"));
        JsonPath dup = admin.run(CREATE, Map.of("i", Map.of("firstName", "Dos", "email", "SAME@example.com")));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(dup));
        assertEquals("email", dup.getString("errors[0].extensions.field"));
        // another tenant may use the same address
        GraphQLClient.as(Tokens.tenantUser("greenway-2026", "crm-admin")).tenant("greenway-2026")
                .ok(CREATE, Map.of("i", Map.of("firstName", "Elsewhere", "email", "same@example.com")));
    }

    @Test
    void everyFilterFieldNarrowsTheList() {
        String a = create(Map.of("firstName", "Filt-Alpha", "tags", List.of("f-vip"), "location", Map.of("country", "DE", "postalCode", "10115"),
                "lifecycleStage", "lead"));
        String b = create(Map.of("firstName", "Filt-Beta", "email", "filt.beta@corp.example", "tags", List.of("f-other"),
                "location", Map.of("country", "FR", "postalCode", "75001")));
        assertEquals(List.of(a), ids(Map.of("search", "filt-alpha")));
        assertEquals(List.of(b), ids(Map.of("search", "CORP.EXAMPLE")));
        assertEquals(List.of(a), ids(Map.of("search", "filt-", "stageIn", List.of("lead"))));
        assertEquals(List.of(a), ids(Map.of("tagsAny", List.of("f-vip", "nope"))));
        assertEquals(List.of(b), ids(Map.of("search", "filt-", "country", "fr")));
        assertEquals(List.of(a), ids(Map.of("postalCode", "101")));
        assertEquals(List.of(), ids(Map.of("search", "filt-", "minInfluenceScore", 1.0)));
        assertEquals(List.of(), ids(Map.of("search", "filt-", "networkIn", List.of("X"))));
        assertEquals(List.of(), ids(Map.of("search", "filt-", "minFollowers", 1)));
        assertEquals(List.of(), ids(Map.of("search", "filt-", "updatedAfter", "2999-01-01T00:00:00Z")));
        assertEquals(List.of(), ids(Map.of("search", "filt-", "touchedByCampaign", "123456")));
        JsonPath unknownStage = admin.run(PAGE, Map.of("f", Map.of("stageIn", List.of("astronaut"))));
        assertEquals("filter.stageIn", unknownStage.getString("errors[0].extensions.field"));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(admin.run(PAGE, Map.of("first", 201))));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(admin.run(PAGE, Map.of("first", 0))));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(admin.run(PAGE, Map.of("after", "garbage"))));
    }

    @Test
    void cursorsStayStableWhileRowsAreInserted() {
        for (int i = 0; i < 7; i++) {
            create(Map.of("firstName", "Page-" + i));
        }
        for (String order : List.of("UPDATED_AT_DESC", "CREATED_AT_DESC", "NAME_ASC", "INFLUENCE_DESC")) {
            List<String> seen = new ArrayList<>();
            String after = null;
            int inserted = 0;
            do {
                Map<String, Object> vars = new java.util.HashMap<>(Map.of("f", Map.of("search", "page-"), "o", order, "first", 3));
                if (after != null) {
                    vars.put("after", after);
                }
                JsonPath page = admin.ok(PAGE, vars);
                seen.addAll(page.getList("data.contacts.edges.node.id"));
                // rows inserted between pages must not shift the next page
                create(Map.of("firstName", "Page-new-" + order + "-" + inserted++));
                after = page.getBoolean("data.contacts.pageInfo.hasNextPage") ? page.getString("data.contacts.pageInfo.endCursor") : null;
            } while (after != null && seen.size() < 60);
            assertEquals(seen.size(), seen.stream().distinct().count(), order + " repeated a row");
        }
        JsonPath byName = admin.ok(PAGE, Map.of("f", Map.of("search", "page-"), "o", "NAME_ASC", "first", 200));
        List<String> names = byName.getList("data.contacts.edges.node.firstName");
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(String.CASE_INSENSITIVE_ORDER);
        assertEquals(sorted, names);
    }

    @Test
    void updateChangesOnlyGivenFieldsAndRecordsStageChanges() {
        String id = create(Map.of("firstName", "Up", "lastName", "Date", "tags", List.of("x"), "phone", "+331"));
        JsonPath updated = admin.ok("mutation($id: ID!) { updateContact(id: $id, input: { lastName: \"Dated\", lifecycleStage: \"customer\" }) "
                + "{ displayName phone tags lifecycleStage } }", Map.of("id", id));
        assertEquals("Up Dated", updated.getString("data.updateContact.displayName"));
        assertEquals("+331", updated.getString("data.updateContact.phone"));
        assertEquals(List.of("x"), updated.getList("data.updateContact.tags"));
        assertEquals("customer", updated.getString("data.updateContact.lifecycleStage"));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(admin.run("mutation { updateContact(id: \"987654321\", input: { firstName: \"X\" }) { id } }")));
    }

    @Test
    void mergeFoldsDuplicatesIntoTheSurvivor() {
        String survivor = create(Map.of("firstName", "Merge", "lastName", "Keep", "tags", List.of("a"), "attributes", Map.of("k", "survivor")));
        String dup1 = create(Map.of("firstName", "Merge", "lastName", "Dup", "email", "merge.dup@example.com", "phone", "+49",
                "tags", List.of("b"), "attributes", Map.of("k", "dup", "extra", 1)));
        String dup2 = create(Map.of("firstName", "Merge", "lastName", "Dup2", "tags", List.of("c", "a")));
        admin.ok("mutation($id: ID!) { updateContact(id: $id, input: { lifecycleStage: \"lead\" }) { id } }", Map.of("id", dup1));
        JsonPath merged = admin.ok("mutation($s: ID!, $d: [ID!]!) { mergeContacts(survivorId: $s, duplicateIds: $d) "
                + "{ id displayName email phone tags attributes } }", Map.of("s", survivor, "d", List.of(dup1, dup2)));
        assertEquals(survivor, merged.getString("data.mergeContacts.id"));
        assertEquals("Merge Keep", merged.getString("data.mergeContacts.displayName"));
        assertEquals("merge.dup@example.com", merged.getString("data.mergeContacts.email"));
        assertEquals("+49", merged.getString("data.mergeContacts.phone"));
        assertEquals(List.of("a", "b", "c"), merged.getList("data.mergeContacts.tags"));
        assertEquals("survivor", merged.getString("data.mergeContacts.attributes.k"));
        assertEquals(1, merged.getInt("data.mergeContacts.attributes.extra"));
        assertNull(admin.ok("query($id: ID!) { contact(id: $id) { id } }", Map.of("id", dup1)).get("data.contact"));
        JsonPath export = admin.ok("mutation($id: ID!) { exportContact(id: $id) }", Map.of("id", survivor));
        // the duplicates' lifecycle history moved over (3 creations + 1 move), and the survivor took the furthest stage
        assertEquals(5, export.getList("data.exportContact.lifecycleHistory").size());
        assertEquals("lead", export.getString("data.exportContact.contact.lifecycle_stage"));

        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(admin.run("mutation($s: ID!, $d: [ID!]!) { mergeContacts(survivorId: $s, duplicateIds: $d) { id } }",
                Map.of("s", survivor, "d", List.of(survivor)))));
        // a contact of another tenant cannot be merged in: it does not exist here, and nothing changes
        String foreign = GraphQLClient.as(Tokens.tenantUser("lumen-cosmetics", "crm-admin")).tenant("lumen-cosmetics")
                .ok(CREATE, Map.of("i", Map.of("firstName", "Foreign"))).getString("data.createContact.id");
        // ids are unique per tenant only: the same number may name one of this tenant's own contacts
        boolean clash = admin.ok("query($id: ID!) { contact(id: $id) { id } }", Map.of("id", foreign)).get("data.contact") != null;
        JsonPath cross = admin.run("mutation($s: ID!, $d: [ID!]!) { mergeContacts(survivorId: $s, duplicateIds: $d) { id } }",
                Map.of("s", survivor, "d", List.of(foreign)));
        if (!clash) {
            assertEquals("NOT_FOUND", GraphQLClient.errorCode(cross));
        }
        assertEquals("Foreign", GraphQLClient.as(Tokens.tenantUser("lumen-cosmetics", "crm-admin")).tenant("lumen-cosmetics")
                .ok("query($id: ID!) { contact(id: $id) { firstName } }", Map.of("id", foreign)).getString("data.contact.firstName"));
    }

    @Test
    void exportAndEraseAContact() {
        String id = create(Map.of("firstName", "Erase", "lastName", "Me", "email", "erase.me@example.com"));
        JsonPath export = admin.ok("mutation($id: ID!) { exportContact(id: $id) }", Map.of("id", id));
        assertEquals("erase.me@example.com", export.getString("data.exportContact.contact.email"));
        assertEquals(1, export.getList("data.exportContact.lifecycleHistory").size());

        GraphQLClient analyst = GraphQLClient.as(Tokens.tenantUser(tenant, "crm-analyst")).tenant(tenant);
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(analyst.run("mutation($id: ID!) { eraseContact(id: $id) }", Map.of("id", id))));

        assertTrue(admin.ok("mutation($id: ID!) { eraseContact(id: $id) }", Map.of("id", id)).getBoolean("data.eraseContact"));
        assertNull(admin.ok("query($id: ID!) { contact(id: $id) { id } }", Map.of("id", id)).get("data.contact"));
        assertEquals(0, admin.ok(PAGE, Map.of("f", Map.of("search", "erase.me"))).getInt("data.contacts.totalCount"));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(admin.run("mutation($id: ID!) { eraseContact(id: $id) }", Map.of("id", id))));
        JsonPath audit = admin.ok("{ auditEvents(first: 200) { edges { node { action target actor details } } } }");
        String log = audit.prettify();
        assertTrue(audit.getList("data.auditEvents.edges.node.action").contains("contact.erase"));
        assertFalse(log.contains("erase.me@example.com"), "audit log must hold no personal data");
    }

    @Test
    void anotherTenantsCallerCannotTouchTheseContacts() {
        String id = create(Map.of("firstName", "Private"));
        GraphQLClient outsider = GraphQLClient.as(Tokens.tenantUser("lumen-cosmetics", "crm-admin"));
        for (String op : List.of("query($id: ID!) { contact(id: $id) { id } }", "mutation($id: ID!) { eraseContact(id: $id) }",
                "mutation($id: ID!) { exportContact(id: $id) }", "mutation($id: ID!) { updateContact(id: $id, input: { firstName: \"X\" }) { id } }")) {
            assertEquals("FORBIDDEN", GraphQLClient.errorCode(outsider.tenant(tenant).run(op, Map.of("id", id))), op);
            JsonPath own = outsider.tenant("lumen-cosmetics").run(op, Map.of("id", id));
            assertTrue(own.get("data.contact") == null, op);
        }
        assertEquals("Private", admin.ok("query($id: ID!) { contact(id: $id) { firstName } }", Map.of("id", id)).getString("data.contact.firstName"));
    }

    private List<String> ids(Map<String, Object> filter) {
        return admin.ok(PAGE, Map.of("f", filter, "first", 200)).getList("data.contacts.edges.node.id");
    }
}
