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

/** Depth and complexity are walked once per document and operation, except where variables change the shape. */
@QuarkusTest
class QueryLimitsTest {

    final GraphQLClient admin = GraphQLClient.as(Tokens.tenantUser("lumen-cosmetics", "crm-admin")).tenant("lumen-cosmetics");

    @Test
    void aQuerySentAgainIsNotWalkedAgain() {
        String query = "{ me { subject } contacts(first: 1) { totalCount } limitsOnce: __typename }";
        // SmallRye parses a new document a second time to cache it: the first two requests see two documents
        admin.ok(query);
        admin.ok(query);
        long walks = QueryLimitsInstaller.installed.walks();
        admin.ok(query);
        admin.ok(query);
        assertEquals(walks, QueryLimitsInstaller.installed.walks());
        // another operation of the same text is walked on its own
        String named = "query A { me { subject } } query B { me { subject } contacts(first: 1) { totalCount } }";
        admin.ok(named, Map.of(), "A");
        admin.ok(named, Map.of(), "A");
        long afterA = QueryLimitsInstaller.installed.walks();
        admin.ok(named, Map.of(), "B");
        assertEquals(afterA + 1, QueryLimitsInstaller.installed.walks());
        admin.ok(named, Map.of(), "A");
        admin.ok(named, Map.of(), "B");
        assertEquals(afterA + 1, QueryLimitsInstaller.installed.walks());
    }

    @Test
    void aDocumentWhoseShapeDependsOnVariablesIsWalkedEveryTime() {
        StringBuilder query = new StringBuilder("query($big: Boolean!) { me { subject } wide: me @include(if: $big) { ");
        for (int i = 0; i < 510; i++) {
            query.append("s").append(i).append(": subject ");
        }
        String text = query.append("} }").toString();
        assertTooComplex(admin.run(text, Map.of("big", true)));
        assertNull(admin.ok(text, Map.of("big", false)).get("data.wide"));
        assertTooComplex(admin.run(text, Map.of("big", true)));
    }

    @Test
    void aRefusedQueryIsRefusedEveryTime() {
        String deep = "{ me { agency { tenants { agency { tenants { agency { tenants { agency { tenants { agency { tenants { agency { tenants { slug } } } } } } } } } } } } } }";
        for (int i = 0; i < 2; i++) {
            JsonPath refused = admin.run(deep);
            assertTrue(refused.getString("errors[0].message").startsWith("maximum query depth exceeded"), refused.prettify());
            assertNull(refused.get("data"));
        }
    }

    private static void assertTooComplex(JsonPath json) {
        assertEquals("ExecutionAborted", json.getString("errors[0].extensions.classification"), json.prettify());
        assertTrue(json.getString("errors[0].message").startsWith("maximum query complexity exceeded"), json.prettify());
    }
}
