package org.socialcrm.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.StatementCounts;
import org.socialcrm.support.TestTenants;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** No N+1: a page costs a fixed number of SQL statements whatever its size; page size, depth and complexity are capped. */
@QuarkusTest
class GuardRailsTest {

    static final String PAGE_WITH_NESTED = """
            query($first: Int) { contacts(first: $first) { totalCount edges { node { id displayName
              socialIdentities { id handle followers influenceScore }
              touchpoints(first: 5) { totalCount edges { node { id channel occurredAt } } }
              lifecycleHistory { toStage occurredAt } } } } }""";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Scheduler scheduler;

    @Test
    void aPageCostsTheSameNumberOfStatementsWhateverItsSize() throws SQLException {
        String tenant = TestTenants.create("nplusone");
        GraphQLClient admin = TestTenants.admin(tenant);
        for (int i = 0; i < 60; i++) {
            String id = admin.ok("mutation($n: String!) { createContact(input: { firstName: $n }) { id } }", Map.of("n", "N" + i))
                    .getString("data.createContact.id");
            admin.ok("mutation($c: ID!, $h: String!) { linkSocialIdentity(contactId: $c, input: { network: X, handle: $h }) { id } }",
                    Map.of("c", id, "h", "n1_" + tenant + "_" + i));
            admin.ok("mutation($c: ID!) { recordTouchpoint(input: { contactId: $c, channel: SOCIAL }) { id } }", Map.of("c", id));
        }
        long small = statementsFor(admin, 5);
        long large = statementsFor(admin, 50);
        assertEquals(small, large, "statements for 5 vs 50 contacts");
        assertTrue(large <= 30, "statements per page: " + large);
    }

    @Test
    void aListOfSegmentsCostsTheSameNumberOfStatementsWhateverItsLength() throws SQLException {
        String tenant = TestTenants.create("nplusone-seg");
        GraphQLClient admin = TestTenants.admin(tenant);
        for (int i = 0; i < 12; i++) {
            admin.ok("mutation($n: String!, $t: [String!]) { createContact(input: { firstName: $n, tags: $t }) { id } }",
                    Map.of("n", "S" + i, "t", java.util.List.of("t" + (i % 4))));
        }
        String query = "{ segments { id size contacts(first: 2) { totalCount edges { node { id } } } } }";
        for (int i = 0; i < 2; i++) {
            saveSegment(admin, i);
        }
        long few = statementsOf(admin, query, 2);
        for (int i = 2; i < 8; i++) {
            saveSegment(admin, i);
        }
        long many = statementsOf(admin, query, 8);
        assertEquals(few, many, "statements for 2 vs 8 segments");
        JsonPath answer = admin.ok(query);
        for (int i = 0; i < 8; i++) {
            int expected = i % 2 == 0 ? 3 : 6; // tag t<i%4>, or (odd) tags t<i%4> or t<(i+1)%4>
            assertEquals(expected, answer.getInt("data.segments[" + i + "].size"), "segment " + i);
            assertEquals(expected, answer.getInt("data.segments[" + i + "].contacts.totalCount"), "segment " + i);
            assertEquals(2, answer.getList("data.segments[" + i + "].contacts.edges").size(), "segment " + i);
        }
    }

    private static void saveSegment(GraphQLClient admin, int i) {
        Map<String, Object> tag = Map.of("filter", Map.of("tagsAny", java.util.List.of("t" + (i % 4))));
        Map<String, Object> rule = i % 2 == 0 ? tag
                : Map.of("or", java.util.List.of(tag, Map.of("filter", Map.of("tagsAny", java.util.List.of("t" + ((i + 1) % 4))))));
        admin.ok("mutation($i: SegmentInput!) { saveSegment(input: $i) { id } }",
                Map.of("i", Map.of("name", "seg" + i, "filter", Map.of(), "rule", rule)));
    }

    private long statementsOf(GraphQLClient admin, String query, int segments) throws SQLException {
        admin.ok(query); // warm-up: prepared statements, tenant cache
        return fewestStatements(() -> assertEquals(segments, admin.ok(query).getList("data.segments").size()));
    }

    private long statementsFor(GraphQLClient admin, int first) throws SQLException {
        admin.ok(PAGE_WITH_NESTED, Map.of("first", first)); // warm-up: prepared statements, tenant cache
        return fewestStatements(() -> assertEquals(first, admin.ok(PAGE_WITH_NESTED, Map.of("first", first))
                .getList("data.contacts.edges").size()));
    }

    /**
     * The statements one request runs. pg_stat_statements counts the whole database, so the scheduled jobs are paused
     * and the fewest of three runs is taken: background work (other tests' tenants, a job already running when the
     * pause came) can only add statements, never remove the request's own.
     */
    private long fewestStatements(Runnable request) throws SQLException {
        scheduler.pause();
        try {
            long fewest = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long before = executedStatements();
                request.run();
                long after = executedStatements();
                fewest = Math.min(fewest, after - before - 1); // minus the counting query itself
            }
            return fewest;
        } finally {
            scheduler.resume();
        }
    }

    private long executedStatements() throws SQLException {
        return StatementCounts.calls(dataSource, "true");
    }

    @Test
    void pageSizeIsCapped() {
        GraphQLClient admin = GraphQLClient.as(org.socialcrm.support.Tokens.user().tenants("lumen-cosmetics").agency("northwind").roles("crm-admin").sign()).tenant("lumen-cosmetics");
        JsonPath json = admin.run("{ contacts(first: 1000) { edges { node { id } } } }");
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(json));
        assertEquals("first", json.getString("errors[0].extensions.field"));
    }

    @Test
    void deepOrComplexQueriesAreRefusedBeforeExecution() {
        GraphQLClient admin = GraphQLClient.as(org.socialcrm.support.Tokens.user().tenants("lumen-cosmetics").agency("northwind").roles("crm-admin").sign()).tenant("lumen-cosmetics");
        String deep = "{ me { agency { tenants { agency { tenants { agency { tenants { agency { tenants { agency { tenants { agency { tenants { agency { tenants { slug } } } } } } } } } } } } } } } }";
        JsonPath tooDeep = admin.run(deep);
        assertEquals("ExecutionAborted", tooDeep.getString("errors[0].extensions.classification"), tooDeep.prettify());
        assertTrue(tooDeep.getString("errors[0].message").startsWith("maximum query depth exceeded"));
        assertTrue(tooDeep.get("data") == null);
        StringBuilder wide = new StringBuilder("{ ");
        for (int i = 0; i < 120; i++) {
            wide.append("a").append(i).append(": contacts(first: 200) { edges { node { id displayName email tags } } } ");
        }
        JsonPath tooComplex = admin.run(wide.append("}").toString());
        assertEquals("ExecutionAborted", tooComplex.getString("errors[0].extensions.classification"), tooComplex.prettify());
        assertTrue(tooComplex.getString("errors[0].message").startsWith("maximum query complexity exceeded"), tooComplex.prettify());
    }
}
