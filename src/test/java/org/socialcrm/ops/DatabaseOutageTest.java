package org.socialcrm.ops;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.socialcrm.database.DatabaseUrl;
import org.socialcrm.database.EmbeddedPostgresServer;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.SeparateDatabaseResource;
import org.socialcrm.support.TestDatabase;
import org.socialcrm.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * PostgreSQL goes away and comes back: readiness turns DOWN; GraphQL queries and mutations, the first request of a
 * tenant not cached yet (its issuer is looked up before GraphQL runs), createTenant and REST ingest all answer
 * SERVICE_UNAVAILABLE (503 on REST) at once, with no exception text; and the service recovers by itself, provisioning
 * (Flyway over JDBC) included. The test has a database of its own (its profile starts a separate embedded
 * PostgreSQL), so stopping it cannot affect any other test class.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.OwnDatabase.class)
class DatabaseOutageTest {

    static final String DATABASE = "outage";

    /** A separate embedded PostgreSQL for this class alone. */
    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SeparateDatabaseResource.class, Map.of(SeparateDatabaseResource.NAME, DATABASE)));
        }
    }

    static final String TENANT = "lumen-cosmetics";
    /** Not used before the outage, so its first request looks the tenant up in the database. */
    static final String UNCACHED_TENANT = "bluepeak-coffee";
    static final String LIST = "{ contacts(first: 1) { edges { node { id } } } }";
    static final String CREATE = "mutation($input: ContactInput!) { createContact(input: $input) { id } }";
    static final String CREATE_TENANT = "mutation($input: CreateTenantInput!) { createTenant(input: $input) { slug } }";
    /** What an exception's text looks like in a body: class names, stack frames, socket addresses. */
    static final Pattern EXCEPTION_TEXT = Pattern.compile("(?i)refused|127\\.0\\.0\\.1|localhost|\\tat |Caused by|"
            + "[a-z]+\\.[a-z]+\\.[\\w.$]*(Exception|Error|Throwable)\\b|io\\.vertx|io\\.netty|org\\.postgresql|java\\.(net|sql|lang)");

    final GraphQLClient admin = GraphQLClient.as(Tokens.tenantUser(TENANT, "crm-admin")).tenant(TENANT);
    final GraphQLClient platform = GraphQLClient.as(Tokens.user().roles("platform-admin").sign());

    static int ready() {
        return given().get("/q/health/ready").statusCode();
    }

    static void assertServiceUnavailable(JsonPath answer) {
        assertEquals("SERVICE_UNAVAILABLE", GraphQLClient.errorCode(answer), answer.prettify());
        assertTrue(answer.getString("errors[0].message").contains("database is unavailable"), answer.prettify());
        assertNoExceptionText(answer.prettify());
    }

    static void assertNoExceptionText(String body) {
        assertFalse(EXCEPTION_TEXT.matcher(body).find(), "exception text in the answer: " + body);
    }

    /**
     * Fails fast: a refused connection is reported at once, without waiting for a connect timeout. The bound leaves
     * room for a loaded machine (the suite runs beside other builds) and is far below Vert.x's default 60 s timeout.
     */
    static JsonPath timed(java.util.function.Supplier<JsonPath> call, String what) {
        long started = System.nanoTime();
        JsonPath answer = call.get();
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 15_000, what + " fails fast, took " + millis + " ms");
        return answer;
    }

    @Test
    void theOutageDatabaseIsThisClassesOwn() {
        int own = DatabaseUrl.parse(ConfigProvider.getConfig().getValue("quarkus.datasource.reactive.url", String.class)).port();
        int shared = DatabaseUrl.parse(TestDatabase.url()).port();
        assertNotEquals(shared, own, "the outage test must not stop the database other test classes use");
        assertTrue(EmbeddedPostgresServer.controllable(DATABASE));
    }

    @Test
    void everyPathAnswersServiceUnavailableDuringAnOutageAndEverythingRecoversWithoutRestart() {
        admin.ok(LIST);
        assertEquals(200, ready());
        String partner = Tokens.partner(TENANT, "metrics:write");

        EmbeddedPostgresServer.stop(DATABASE);
        try {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> ready() == 503);
            JsonPath health = given().get("/q/health/ready").then().extract().jsonPath();
            assertEquals("DOWN", health.getString("status"));
            assertNoExceptionText(health.prettify());
            assertEquals(200, given().get("/q/health/live").statusCode(), "liveness stays UP: a restart would not help");

            assertServiceUnavailable(timed(() -> admin.run(LIST), "a query"));
            assertServiceUnavailable(timed(() -> admin.run(CREATE, Map.of("input", Map.of("firstName", "Outage",
                    "email", "outage." + System.nanoTime() + "@example.com"))), "a mutation"));
            assertServiceUnavailable(timed(() -> GraphQLClient.as(Tokens.tenantUser(UNCACHED_TENANT, "crm-admin"))
                    .tenant(UNCACHED_TENANT).run(LIST), "the first request of an uncached tenant"));
            assertServiceUnavailable(timed(() -> platform.run(CREATE_TENANT, Map.of("input", Map.of("slug", "outage-brand",
                    "name", "Outage Brand", "kind", "BRAND"))), "createTenant"));
            assertServiceUnavailable(timed(() -> platform.run("{ tenants { slug } }"), "tenants"));

            Response ingest = given().header("Authorization", "Bearer " + partner).header("X-Tenant-ID", TENANT)
                    .contentType("application/json").body("[{\"identityId\":\"1\",\"metric\":\"followers\","
                            + "\"observedAt\":\"2026-11-01T10:00:00Z\",\"value\":1}]")
                    .post("/api/ingest/metrics");
            assertEquals(503, ingest.statusCode(), ingest.asString());
            assertEquals("SERVICE_UNAVAILABLE", ingest.jsonPath().getString("code"), ingest.asString());
            assertNoExceptionText(ingest.asString());
        } finally {
            EmbeddedPostgresServer.restart(DATABASE);
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> ready() == 200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> admin.run(LIST).get("errors") == null);
        JsonPath created = admin.ok(CREATE, Map.of("input", Map.of("firstName", "Recovered", "email", "recovered." + System.nanoTime() + "@example.com")));
        String id = created.getString("data.createContact.id");
        assertNull(admin.run(LIST).get("errors"));

        // provisioning works again without a restart: the JDBC pool (Agroal) and Flyway reconnect
        JsonPath tenant = platform.ok(CREATE_TENANT, Map.of("input", Map.of("slug", "after-outage", "name", "After Outage",
                "kind", "BRAND")));
        assertEquals("after-outage", tenant.getString("data.createTenant.slug"), tenant.prettify());
        GraphQLClient newAdmin = GraphQLClient.as(Tokens.tenantUser("after-outage", "crm-admin")).tenant("after-outage");
        String own = newAdmin.ok(CREATE, Map.of("input", Map.of("firstName", "New", "email", "new." + System.nanoTime() + "@example.com")))
                .getString("data.createContact.id");
        assertEquals(List.of(own), newAdmin.ok("{ contacts { edges { node { id } } } }").getList("data.contacts.edges.node.id"));

        // isolation after recovery: neither tenant reaches the other's contact
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(admin.tenant("after-outage").run(LIST)));
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(newAdmin.tenant(TENANT).run(LIST)));
        // ids are per tenant schema, so the same id may exist there: it must not be this tenant's contact
        JsonPath foreign = newAdmin.run("query($id: ID!) { contact(id: $id) { firstName } }", Map.of("id", id));
        assertNotEquals("Recovered", foreign.getString("data.contact.firstName"), foreign.prettify());
    }
}
