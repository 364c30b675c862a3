package org.socialcrm.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.HashMap;
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
 * duplicateCandidates reads one stored row per pair (duplicate_pair), reasons merged (recorded by an AMBIGUOUS upsert
 * and computed), in the page index's order: pages after a cursor walk every pair once, best first.
 */
@QuarkusTest
class DuplicatePagesTest {

    static final String PAGE = "query($after: String) { duplicateCandidates(first: 1, after: $after) { totalCount "
            + "pageInfo { hasNextPage endCursor } edges { node { score reasons contact { id } other { id } } } } }";

    @Inject
    TenantFixtures fixtures;

    @Test
    void oneRowPerPairWithItsReasonsMergedPagedInScoreOrder() {
        String tenant = fixtures.createIsolated("duppages", null);
        GraphQLClient admin = TestTenants.admin(tenant);
        String a = upsert(admin, Map.of("externalIds", List.of(Map.of("system", "shop", "value", "S-1")), "firstName", "Jane", "lastName", "Doe",
                "address", Map.of("postalCode", "10115")));
        String b = upsert(admin, Map.of("emails", List.of("jd@example.org"), "firstName", "Jayne", "lastName", "Doe",
                "address", Map.of("postalCode", "10115")));
        upsert(admin, Map.of("firstName", "Max", "lastName", "Mustermann", "emails", List.of("m1@example.org"), "address", Map.of("postalCode", "20095")));
        upsert(admin, Map.of("firstName", "Max", "lastName", "Musterman", "emails", List.of("m2@example.org"), "address", Map.of("postalCode", "20095")));
        upsert(admin, Map.of("firstName", "Erika", "lastName", "Schmidt", "emails", List.of("e1@example.org"), "address", Map.of("postalCode", "80331")));
        upsert(admin, Map.of("firstName", "Erika", "lastName", "Schmitt", "emails", List.of("e2@example.org"), "address", Map.of("postalCode", "80331")));
        // a row naming a's external id and b's e-mail: AMBIGUOUS, a pair recorded for a and b, who also have similar names
        JsonPath both = admin.ok(UpsertContactsTest.UPSERT, Map.of("i", List.of(Map.of("externalIds", List.of(Map.of("system", "shop", "value", "S-1")),
                "emails", List.of("jd@example.org")))));
        assertEquals("AMBIGUOUS", both.getString("data.upsertContacts.outcomes[0].outcome"));

        Map<String, Object> stored = fixtures.inTenant(tenant, c -> c.query("select count(*) as n, "
                + "(select array_to_string(reasons, '|') || ' ' || round(score::numeric, 2) from duplicate_pair where contact_id = " + Math.min(Long.parseLong(a), Long.parseLong(b))
                + " and other_id = " + Math.max(Long.parseLong(a), Long.parseLong(b)) + ") as ab from duplicate_pair").execute()
                .map(rows -> {
                    Map<String, Object> m = new HashMap<>();
                    rows.forEach(r -> {
                        m.put("n", r.getLong("n"));
                        m.put("ab", r.getString("ab"));
                    });
                    return m;
                }));
        assertEquals(3L, stored.get("n"), "one row per pair");
        assertEquals("same email|similar name in the same postal code 0.95", stored.get("ab"));

        List<Double> scores = new ArrayList<>();
        List<String> pairs = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            Map<String, Object> vars = new HashMap<>();
            vars.put("after", after);
            JsonPath page = admin.ok(PAGE, vars);
            assertEquals(3, page.getInt("data.duplicateCandidates.totalCount"));
            List<Map<String, Object>> nodes = page.getList("data.duplicateCandidates.edges.node");
            assertEquals(1, nodes.size(), page.prettify());
            scores.add(((Number) nodes.get(0).get("score")).doubleValue());
            pairs.add(page.getString("data.duplicateCandidates.edges[0].node.contact.id") + "-" + page.getString("data.duplicateCandidates.edges[0].node.other.id"));
            more = page.getBoolean("data.duplicateCandidates.pageInfo.hasNextPage");
            after = page.getString("data.duplicateCandidates.pageInfo.endCursor");
        }
        assertEquals(3, pairs.size());
        assertEquals(3, pairs.stream().distinct().count(), pairs.toString());
        assertEquals(0.95, scores.get(0), 1e-6);
        assertFalse(scores.get(1) < scores.get(2), "best first: " + scores);
    }

    static String upsert(GraphQLClient admin, Map<String, Object> row) {
        return admin.ok(UpsertContactsTest.UPSERT, Map.of("i", List.of(row))).getString("data.upsertContacts.outcomes[0].contactId");
    }
}
