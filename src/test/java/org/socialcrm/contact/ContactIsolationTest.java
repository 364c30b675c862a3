package org.socialcrm.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
public class ContactIsolationTest {

    static final String A = "acme-outdoor";
    static final String B = "bluepeak-coffee";
    static final String CREATE = "mutation($n: String!) { createContact(input: { firstName: $n }) { id firstName } }";
    static final String READ = "query($id: ID!) { contact(id: $id) { id firstName } }";

    final GraphQLClient adminA = GraphQLClient.as(Tokens.tenantUser(A, "crm-admin")).tenant(A);
    final GraphQLClient adminB = GraphQLClient.as(Tokens.tenantUser(B, "crm-admin")).tenant(B);

    @Test
    void aContactOfTenantAIsInvisibleFromTenantB() {
        String id = adminA.ok(CREATE, Map.of("n", "only-in-a")).getString("data.createContact.id");
        assertEquals("only-in-a", adminA.ok(READ, Map.of("id", id)).getString("data.contact.firstName"));

        assertNull(adminB.ok(READ, Map.of("id", id)).get("data.contact"));
        assertTrue(!adminB.ok("{ contacts(first: 200) { edges { node { firstName } } } }")
                .getList("data.contacts.edges.node.firstName").contains("only-in-a"));

        JsonPath crossHeader = GraphQLClient.as(Tokens.tenantUser(A, "crm-admin")).tenant(B).run(READ, Map.of("id", id));
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(crossHeader));
        assertNull(crossHeader.get("data.contact"));
    }

    @Test
    void concurrentInterleavedRequestsNeverCrossTenants() throws Exception {
        int requests = 240;
        // this run's own prefix: the database may hold an earlier run's rows (the ITs run against a kept database)
        String run = "race-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "-";
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<String[]>> results = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String tenant = i % 2 == 0 ? A : B;
            GraphQLClient client = tenant.equals(A) ? adminA : adminB;
            String marker = run + tenant + "-" + i;
            results.add(pool.submit(() -> {
                String id = client.ok(CREATE, Map.of("n", marker)).getString("data.createContact.id");
                String readBack = client.ok(READ, Map.of("id", id)).getString("data.contact.firstName");
                return new String[] { tenant, marker, readBack };
            }));
        }
        for (Future<String[]> result : results) {
            String[] r = result.get();
            assertEquals(r[1], r[2], "a request read another request's row");
        }
        pool.shutdown();

        for (String tenant : List.of(A, B)) {
            GraphQLClient client = tenant.equals(A) ? adminA : adminB;
            List<String> names = new ArrayList<>();
            String after = null;
            do {
                JsonPath page = client.ok("query($after: String) { contacts(first: 200, after: $after) { edges { node { firstName } } pageInfo { hasNextPage endCursor } } }",
                        after == null ? Map.of() : Map.of("after", after));
                names.addAll(page.getList("data.contacts.edges.node.firstName"));
                after = page.getBoolean("data.contacts.pageInfo.hasNextPage") ? page.getString("data.contacts.pageInfo.endCursor") : null;
            } while (after != null);
            List<String> raced = names.stream().filter(n -> n != null && n.startsWith(run)).toList();
            assertEquals(requests / 2, raced.size(), tenant);
            assertTrue(raced.stream().allMatch(n -> n.startsWith(run + tenant + "-")), tenant + " saw another tenant's rows");
        }
    }
}
