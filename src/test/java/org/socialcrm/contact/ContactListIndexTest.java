package org.socialcrm.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.TestTenants;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The contact lists' indexes are ascending (V128: a new contact's entries go to their right edge, cheaper to insert)
 * and the lists, which read newest first, still read them as an index scan (backward), without a sort, and page the
 * same way. Another tenant's contacts are not in the list.
 */
@QuarkusTest
class ContactListIndexTest {

    @Inject
    TenantFixtures fixtures;

    @Test
    void listIndexesAreAscendingAndTheNewestFirstListsReadThemBackward() {
        String tenant = fixtures.createIsolated("listidx", null);
        String other = fixtures.createIsolated("listidx-other", null);
        fixtures.sql(other, "insert into contact (display_name, lifecycle_stage) select 'Other ' || g, 'lead' from generate_series(1, 10) g");
        fixtures.sql(tenant, "insert into contact (display_name, lifecycle_stage, updated_at, created_at) select 'Person ' || g, "
                + "case when g % 10 = 0 then 'lead' else 'subscriber' end, now() - g * interval '1 minute', now() - g * interval '1 minute' "
                + "from generate_series(1, 3000) g");
        fixtures.sql(tenant, "analyze contact");

        List<String> definitions = lines(tenant, "select indexdef from pg_indexes where schemaname = current_schema() and indexname in "
                + "('contact_updated_idx', 'contact_created_idx', 'contact_stage_updated_idx') order by indexname");
        assertEquals(3, definitions.size(), definitions.toString());
        definitions.forEach(d -> assertFalse(d.toLowerCase().contains(" desc"), d));

        for (String list : List.of("select * from contact c order by c.updated_at desc, c.id desc limit 51",
                "select * from contact c where (c.updated_at, c.id) < (now() - interval '10 minutes', 2990) order by c.updated_at desc, c.id desc limit 51",
                "select * from contact c where c.lifecycle_stage = 'lead' order by c.updated_at desc, c.id desc limit 51",
                "select * from contact c order by c.created_at desc, c.id desc limit 51")) {
            String plan = String.join("\n", lines(tenant, "explain (costs off) " + list));
            assertTrue(plan.contains("Index Scan Backward using contact_"), plan);
            assertFalse(plan.contains("Sort"), plan);
        }

        GraphQLClient admin = TestTenants.admin(tenant);
        JsonPath first = admin.ok("{ contacts(first: 3) { totalCount edges { node { displayName } } pageInfo { endCursor } } }");
        assertEquals(3000, first.getInt("data.contacts.totalCount"));
        assertEquals(List.of("Person 1", "Person 2", "Person 3"), first.getList("data.contacts.edges.node.displayName"));
        JsonPath next = admin.ok("query($a: String) { contacts(first: 2, after: $a) { edges { node { displayName } } } }",
                java.util.Map.of("a", first.getString("data.contacts.pageInfo.endCursor")));
        assertEquals(List.of("Person 4", "Person 5"), next.getList("data.contacts.edges.node.displayName"));
    }

    private List<String> lines(String tenant, String sql) {
        return fixtures.inTenant(tenant, c -> c.query(sql).execute().map(rows -> {
            List<String> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(r.getString(0));
            }
            return out;
        }));
    }
}
