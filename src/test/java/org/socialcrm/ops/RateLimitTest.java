package org.socialcrm.ops;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TestTenants;
import org.socialcrm.support.Tokens;
import org.socialcrm.tenancy.TenantDirectory;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Per-tenant and per-partner token buckets over real HTTP: tenants get tiny limits through control.tenant.settings,
 * the shared demo tenants keep the (huge) test defaults.
 */
@QuarkusTest
class RateLimitTest {

    static final String LIST = "{ contacts(first: 1) { edges { node { id } } } }";

    @Inject
    Pool pool;
    @Inject
    TenantDirectory directory;

    void limit(String slug, String rateLimitJson) {
        pool.preparedQuery("update control.tenant set settings = jsonb_set(settings, '{rateLimit}', $2::jsonb) where slug = $1")
                .execute(Tuple.of(slug, new io.vertx.core.json.JsonObject(rateLimitJson))).await().indefinitely();
        directory.invalidate(slug);
    }

    Response ingest(String token, String tenant) {
        return given().header("Authorization", "Bearer " + token).header("X-Tenant-ID", tenant).contentType("application/json")
                .body("[]".getBytes(StandardCharsets.UTF_8)).post("/api/ingest/metrics");
    }

    @Test
    void aNoisyTenantIsLimitedWhileAnotherTenantIsNot() {
        String noisy = TestTenants.create("noisy");
        limit(noisy, "{\"requestsPerSecond\": 0.2, \"burst\": 3}");
        GraphQLClient noisyAdmin = TestTenants.admin(noisy);
        GraphQLClient other = GraphQLClient.as(Tokens.tenantUser("lumen-cosmetics", "crm-admin")).tenant("lumen-cosmetics");

        int limited = 0;
        for (int i = 0; i < 6; i++) {
            JsonPath json = noisyAdmin.run(LIST);
            if ("RATE_LIMITED".equals(GraphQLClient.errorCode(json))) {
                limited++;
                assertTrue(json.getString("errors[0].message").startsWith("Too many requests"), json.prettify());
            }
            // the other tenant, at the same time, is served every time
            assertNull(other.run(LIST).get("errors"));
        }
        assertTrue(limited >= 3, "after the burst of 3 the noisy tenant is refused: " + limited);

        // the REST ingest answers 429 with Retry-After for the same tenant
        Response refused = ingest(Tokens.partner(noisy, "metrics:write"), noisy);
        assertEquals(429, refused.statusCode(), refused.asString());
        assertEquals("RATE_LIMITED", refused.jsonPath().getString("code"));
        assertNotNull(refused.header("Retry-After"));
        assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1);

        // another tenant's REST push is unaffected
        assertEquals(200, ingest(Tokens.partner("lumen-cosmetics", "metrics:write"), "lumen-cosmetics").statusCode());
        // isolation still holds: the noisy tenant's admin may not act on another tenant
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(noisyAdmin.tenant("lumen-cosmetics").run(LIST)));
    }

    @Test
    void aPartnerClientIsLimitedOnItsOwnWithoutStarvingTheTenantsUsers() {
        String slug = TestTenants.create("partnerlim");
        limit(slug, "{\"partner\": {\"requestsPerSecond\": 0.2, \"burst\": 2}}");
        String partner = Tokens.partner(slug, "metrics:write");

        int refused = 0;
        String retryAfter = null;
        for (int i = 0; i < 5; i++) {
            Response answer = ingest(partner, slug);
            if (answer.statusCode() == 429) {
                refused++;
                retryAfter = answer.header("Retry-After");
            } else {
                assertEquals(200, answer.statusCode(), answer.asString());
            }
        }
        assertTrue(refused >= 3, "after a burst of 2 the partner is refused: " + refused);
        assertNotNull(retryAfter);
        // the tenant's own users keep working
        for (int i = 0; i < 5; i++) {
            assertNull(TestTenants.admin(slug).run(LIST).get("errors"));
        }
        // and the partner's GraphQL calls share its bucket
        JsonPath graphql = GraphQLClient.as(partner).tenant(slug).run(
                "mutation($p: [MetricPointInput!]!) { ingestMetrics(points: $p) { accepted } }", Map.of("p", java.util.List.of()));
        assertEquals("RATE_LIMITED", GraphQLClient.errorCode(graphql), graphql.prettify());
    }

    @Test
    void aRequestCountsOnceHoweverManyFieldsItResolves() {
        String slug = TestTenants.create("onecount");
        limit(slug, "{\"requestsPerSecond\": 0.1, \"burst\": 2}");
        GraphQLClient admin = TestTenants.admin(slug);
        String fourFields = "{ a: contacts(first: 1) { totalCount } b: contacts(first: 1) { totalCount } "
                + "c: contacts(first: 1) { totalCount } d: contacts(first: 1) { totalCount } }";
        JsonPath first = admin.run(fourFields);
        assertNull(first.get("errors"), first.prettify());
        assertNull(admin.run(fourFields).get("errors"), "the second request uses the second token");
        JsonPath third = admin.run(fourFields);
        assertEquals("RATE_LIMITED", GraphQLClient.errorCode(third), third.prettify());
        // another tenant is served meanwhile, and this tenant's admin may not use it
        assertNull(GraphQLClient.as(Tokens.tenantUser("greenway-2026", "crm-admin")).tenant("greenway-2026").run(fourFields).get("errors"));
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(admin.tenant("greenway-2026").run(fourFields)));
    }
}
