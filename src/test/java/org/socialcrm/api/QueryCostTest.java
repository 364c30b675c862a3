package org.socialcrm.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Issue 19, point 3: an operation's cost multiplies by the page sizes around each field and is bounded before it runs. */
@QuarkusTest
class QueryCostTest {

    /** Depth 11 and 12 fields: within the depth and complexity limits, but 200 x 200 x 200 rows. */
    static final String NESTED_PAGES = """
            query($n: Int) { contacts(first: $n) { edges { node { touchpoints(first: $n) { edges { node {
              contact { touchpoints(first: $n) { edges { node { id } } } } } } } } } } }""";

    final GraphQLClient admin = GraphQLClient.as(Tokens.tenantUser("lumen-cosmetics", "crm-admin")).tenant("lumen-cosmetics");

    @Test
    void nestedPagesOfTwoHundredAreRefusedWithTheirCost() {
        JsonPath refused = admin.run("""
                { contacts(first: 200) { edges { node { touchpoints(first: 200) { edges { node {
                  contact { touchpoints(first: 200) { edges { node { id } } } } } } } } } } }""");
        // id 1, node 2, edges 3, touchpoints 1 + 200 x 3, contact 602, node 603, edges 604, touchpoints 1 + 200 x 604, ...
        assertCost(refused, 1 + 200L * (2 + (1 + 200L * (3 + (1 + 200L * 3)))));
    }

    @Test
    void pageSizesGivenAsVariablesCountWithTheirValues() {
        assertCost(admin.run(NESTED_PAGES, Map.of("n", 200)), 1 + 200L * (2 + (1 + 200L * (3 + (1 + 200L * 3)))));
        admin.ok(NESTED_PAGES, Map.of("n", 5));
        // admitted with 5, the same document is weighed again with 200 (the admission remembers the values)
        assertCost(admin.run(NESTED_PAGES, Map.of("n", 200)), 1 + 200L * (2 + (1 + 200L * (3 + (1 + 200L * 3)))));
    }

    @Test
    void absentPageSizesCountWithTheSchemaDefaults() {
        // contacts defaults to 50 and touchpoints to 20: 1 + 50 x (2 + (1 + 20 x (3 + (1 + 20 x 3)))) = 64,151
        JsonPath refused = admin.run("""
                { contacts { edges { node { touchpoints { edges { node {
                  contact { touchpoints { edges { node { id } } } } } } } } } } }""");
        assertCost(refused, 1 + 50L * (2 + (1 + 20L * (3 + (1 + 20L * 3)))));
    }

    @Test
    void ordinaryClientQueriesPass() {
        // a page of 50 contacts with identities and 20 touchpoints each
        admin.ok(GuardRailsTest.PAGE_WITH_NESTED.replace("touchpoints(first: 5)", "touchpoints(first: 20)"), Map.of("first", 50));
        // the benchmark's queries (bench/run.sh Q1, Q2, Q3)
        admin.ok("""
                query Q1($stage: String!) { contacts(first: 50, filter: {stageIn: [$stage]}, orderBy: UPDATED_AT_DESC) {
                  edges { node { id displayName firstName lastName email lifecycleStage updatedAt
                  socialIdentities { id network handle followers influenceScore } } } } }""", Map.of("stage", "lead"));
        admin.ok("""
                { influencers(first: 20) { edges { node { id network handle followers influenceScore touchpointCount
                  contact { id displayName firstName lastName } } } } }""");
        admin.ok("""
                query Q3($id: ID!) { contact(id: $id) { id displayName firstName lastName email lifecycleStage updatedAt
                  socialIdentities { id network handle followers influenceScore }
                  touchpoints(first: 20) { edges { node { id channel occurredAt campaign { id name } } } }
                  lifecycleHistory { id fromStage toStage occurredAt source note } } }""", Map.of("id", "1"));
    }

    private static void assertCost(JsonPath refused, long cost) {
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(refused), refused.prettify());
        assertEquals(cost, refused.getLong("errors[0].extensions.cost"), refused.prettify());
        assertEquals(50_000L, refused.getLong("errors[0].extensions.maxCost"));
        assertTrue(refused.getString("errors[0].message").contains("query cost " + cost), refused.prettify());
        assertNull(refused.get("data"), refused.prettify());
    }
}
