package org.socialcrm.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TestTenants;
import org.socialcrm.support.Tokens;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class TenantPlacementTest {

    static final String PLACEMENT = "query($s: String!) { tenantPlacement(slug: $s) { slug node } }";
    static final String MOVE = "mutation($s: String!, $n: String!) { moveTenant(slug: $s, toNode: $n) { slug node } }";

    @Inject
    AgroalDataSource dataSource;

    static GraphQLClient platformAdmin() {
        return GraphQLClient.as(Tokens.user().roles("platform-admin").sign());
    }

    /** A move copies the tenant: on a busy machine it outlasts the HTTP client's default read timeout. */
    static JsonPath move(String slug, String toNode) {
        JsonPath json = io.restassured.RestAssured.given()
                .config(io.restassured.config.RestAssuredConfig.config().httpClient(io.restassured.config.HttpClientConfig
                        .httpClientConfig().setParam("http.socket.timeout", 600_000)))
                .contentType(io.restassured.http.ContentType.JSON)
                .header("Authorization", "Bearer " + Tokens.user().roles("platform-admin").sign())
                .body(Map.of("query", MOVE, "variables", Map.of("s", slug, "n", toNode)))
                .post("/graphql").then().statusCode(200).extract().jsonPath();
        assertTrue(json.get("errors") == null, json.prettify());
        return json;
    }

    @Test
    void onlyAPlatformAdminSeesOrMovesPlacements() {
        List<GraphQLClient> others = List.of(
                GraphQLClient.as(Tokens.tenantUser("lumen-cosmetics", "crm-admin")).tenant("lumen-cosmetics"),
                GraphQLClient.as(Tokens.user().agency("northwind").roles("agency-admin").sign()));
        for (GraphQLClient other : others) {
            assertEquals("FORBIDDEN", GraphQLClient.errorCode(other.run(PLACEMENT, Map.of("s", "lumen-cosmetics"))));
            assertEquals("FORBIDDEN", GraphQLClient.errorCode(other.run(MOVE, Map.of("s", "lumen-cosmetics", "n", "127.0.0.1:55461"))));
        }
    }

    @Test
    void anUnknownTenantIsNotFound() {
        JsonPath json = platformAdmin().run(MOVE, Map.of("s", "no-such-tenant-here", "n", "127.0.0.1:55461"));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(json), json.prettify());
    }

    @Test
    @DisabledIfSystemProperty(named = "scrm.test.db", matches = "citus")
    void aSinglePostgresqlAnswersNotSupported() {
        JsonPath move = platformAdmin().run(MOVE, Map.of("s", "lumen-cosmetics", "n", "127.0.0.1:55461"));
        assertEquals("NOT_SUPPORTED", GraphQLClient.errorCode(move), move.prettify());
        assertTrue(move.getString("errors[0].message").contains("Citus"), move.prettify());
        assertEquals("NOT_SUPPORTED", GraphQLClient.errorCode(platformAdmin().run(PLACEMENT, Map.of("s", "lumen-cosmetics"))));
    }

    @Test
    @EnabledIfSystemProperty(named = "scrm.test.db", matches = "citus")
    void everyTenantSchemaIsDistributedOnOneWorkerAndControlIsNot() throws SQLException {
        String slug = TestTenants.create("placed");
        String schema = "t_" + slug.replace('-', '_');
        List<String> distributed = strings("select schemaid::regnamespace::text from pg_dist_schema");
        assertTrue(distributed.containsAll(List.of("t_lumen_cosmetics", "t_acme_outdoor", schema)), distributed.toString());
        assertFalse(distributed.contains("control"), distributed.toString());
        // every table of the schema, one node
        assertEquals(List.of("1"), strings("select count(distinct (sh.nodename, sh.nodeport))::text from citus_shards sh "
                + "where sh.table_name::text like '" + schema + ".%'"));
        String node = platformAdmin().ok(PLACEMENT, Map.of("s", slug)).getString("data.tenantPlacement.node");
        assertTrue(workers().contains(node), node + " not in " + workers());
    }

    @Test
    @EnabledIfSystemProperty(named = "scrm.test.db", matches = "citus")
    void aTargetThatIsNoWorkerIsRefused() {
        for (String bad : List.of("127.0.0.1:1", "nonsense", "127.0.0.1:99999")) {
            JsonPath json = platformAdmin().run(MOVE, Map.of("s", "lumen-cosmetics", "n", bad));
            assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(json), json.prettify());
            assertEquals("toNode", json.getString("errors[0].extensions.field"));
        }
    }

    List<String> workers() throws SQLException {
        return strings("select nodename || ':' || nodeport from pg_dist_node where groupid <> 0 and isactive order by 1");
    }

    List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
