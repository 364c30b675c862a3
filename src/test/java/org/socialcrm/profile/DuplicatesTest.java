package org.socialcrm.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.TestTenants;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DuplicatesTest {

    static final String CANDIDATES = "query($min: Float) { duplicateCandidates(minScore: $min) { totalCount edges { cursor node { score reasons "
            + "contact { id } other { id } } } } }";

    @Inject
    TenantFixtures fixtures;

    String tenant;
    GraphQLClient admin;

    @BeforeEach
    void tenant() {
        if (tenant == null) {
            tenant = fixtures.createIsolated("dups", null);
            admin = TestTenants.admin(tenant);
        }
    }

    String upsert(Map<String, Object> row) {
        return admin.ok(UpsertContactsTest.UPSERT, Map.of("i", List.of(row))).getString("data.upsertContacts.outcomes[0].contactId");
    }

    @Test
    void findsVariantsAndSimilarNamesDismissesForGoodAndMergesKeepingEverything() {
        String a = upsert(Map.of("emails", List.of("jane.doe@example.com"), "firstName", "Jane", "lastName", "Doe",
                "address", Map.of("postalCode", "10115"), "lifecycleStage", "customer", "externalIds", List.of(Map.of("system", "shop", "value", "J1"))));
        String b = upsert(Map.of("emails", List.of("janedoe+news@example.com"), "firstName", "Jayne", "lastName", "Doe",
                "address", Map.of("postalCode", "10115"), "phones", List.of("+49 30 901820")));
        String c = upsert(Map.of("emails", List.of("someone@example.com"), "firstName", "Jane", "lastName", "Doe",
                "address", Map.of("postalCode", "99999")));
        String d = upsert(Map.of("emails", List.of("d1@example.com"), "firstName", "Max", "lastName", "Mustermann",
                "address", Map.of("postalCode", "20095")));
        String e = upsert(Map.of("emails", List.of("d2@example.com"), "firstName", "Max", "lastName", "Musterman",
                "address", Map.of("postalCode", "20095")));
        JsonPath found = admin.ok(CANDIDATES, Map.of());
        List<Map<String, Object>> edges = found.getList("data.duplicateCandidates.edges.node");
        assertEquals(2, found.getInt("data.duplicateCandidates.totalCount"), found.prettify());
        Map<String, Object> ab = edges.stream().filter(n -> pair(n).equals(List.of(a, b))).findFirst().orElseThrow();
        assertTrue(((List<?>) ab.get("reasons")).contains("email local-part variant"), ab.toString());
        assertTrue(((List<?>) ab.get("reasons")).contains("similar name in the same postal code"), ab.toString());
        assertTrue(edges.stream().anyMatch(n -> pair(n).equals(List.of(d, e))));
        assertTrue(edges.stream().noneMatch(n -> pair(n).contains(c)), "same name, other postal code");
        assertEquals(b, admin.ok("query($id: ID!) { contact(id: $id) { duplicateCandidates { other { id } } } }", Map.of("id", a))
                .getString("data.contact.duplicateCandidates[0].other.id"));

        admin.ok("mutation($a: ID!, $b: ID!) { dismissDuplicate(contactId: $a, otherId: $b) }", Map.of("a", e, "b", d));
        assertEquals(1, admin.ok(CANDIDATES, Map.of()).getInt("data.duplicateCandidates.totalCount"));

        // merge: the furthest stage, every email, phone and external id, and the audit tells which ids went where
        JsonPath merged = admin.ok("mutation($s: ID!, $d: [ID!]!) { mergeContacts(survivorId: $s, duplicateIds: $d) { id lifecycleStage "
                + "emails { address } phones { number } externalIds { value } } }", Map.of("s", b, "d", List.of(a)));
        assertEquals("customer", merged.getString("data.mergeContacts.lifecycleStage"));
        assertEquals(2, merged.getList("data.mergeContacts.emails").size());
        assertEquals(List.of("+4930901820"), merged.getList("data.mergeContacts.phones.number"));
        assertEquals(List.of("J1"), merged.getList("data.mergeContacts.externalIds.value"));
        long audited = fixtures.inTenant(tenant, conn -> conn.query("select count(*) from audit_event where action = 'contact.merged' and target = '" + b
                + "' and details -> 'mergedIds' ->> 0 = '" + a + "' and details -> 'before' -> '" + a + "' ->> 'lifecycleStage' = 'customer' "
                + "and details -> 'after' ->> 'emails' = '2' and details::text not like '%@%'").execute().map(r -> r.iterator().next().getLong(0)));
        assertEquals(1, audited);
        assertEquals(0, admin.ok(CANDIDATES, Map.of()).getInt("data.duplicateCandidates.totalCount"));
        // another tenant sees none of these
        assertEquals(0, TestTenants.admin(TestTenants.create("dups-other")).ok(CANDIDATES, Map.of()).getInt("data.duplicateCandidates.totalCount"));
    }

    private static List<String> pair(Map<String, Object> node) {
        String x = (String) ((Map<?, ?>) node.get("contact")).get("id");
        String y = (String) ((Map<?, ?>) node.get("other")).get("id");
        return Long.parseLong(x) < Long.parseLong(y) ? List.of(x, y) : List.of(y, x);
    }
}
