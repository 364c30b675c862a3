package org.socialcrm.ops;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.socialcrm.database.EmbeddedPostgresServer;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * PostgreSQL goes away and comes back (the embedded server is stopped and restarted on the same data directory and
 * port): readiness turns DOWN, GraphQL fails fast with SERVICE_UNAVAILABLE, and the service recovers by itself. The
 * database is always restarted, whatever happens, for the test classes that run after this one.
 */
@QuarkusTest
class DatabaseOutageTest {

    static final String TENANT = "lumen-cosmetics";
    static final String LIST = "{ contacts(first: 1) { edges { node { id } } } }";
    static final String CREATE = "mutation($input: ContactInput!) { createContact(input: $input) { id } }";

    final GraphQLClient admin = GraphQLClient.as(Tokens.tenantUser(TENANT, "crm-admin")).tenant(TENANT);

    static int ready() {
        return given().get("/q/health/ready").statusCode();
    }

    @Test
    void readinessTurnsDownRequestsFailFastAndTheServiceRecoversWithoutRestart() {
        assumeTrue(EmbeddedPostgresServer.controllable(), "the embedded PostgreSQL was started by this JVM");
        admin.ok(LIST);
        assertEquals(200, ready());

        EmbeddedPostgresServer.stop();
        try {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> ready() == 503);
            JsonPath health = given().get("/q/health/ready").then().extract().jsonPath();
            assertEquals("DOWN", health.getString("status"));
            assertEquals(200, given().get("/q/health/live").statusCode(), "liveness stays UP: a restart would not help");

            long started = System.nanoTime();
            JsonPath read = admin.run(LIST);
            long readMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals("SERVICE_UNAVAILABLE", GraphQLClient.errorCode(read), read.prettify());
            assertTrue(read.getString("errors[0].message").contains("database is unavailable"), read.prettify());
            assertTrue(readMillis < 3000, "fails fast, took " + readMillis + " ms");

            started = System.nanoTime();
            JsonPath write = admin.run(CREATE, Map.of("input", Map.of("firstName", "Outage", "email", "outage." + System.nanoTime() + "@example.com")));
            assertEquals("SERVICE_UNAVAILABLE", GraphQLClient.errorCode(write), write.prettify());
            assertTrue((System.nanoTime() - started) / 1_000_000 < 3000, "mutations fail fast too");
        } finally {
            EmbeddedPostgresServer.restart();
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> ready() == 200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> admin.run(LIST).get("errors") == null);
        JsonPath created = admin.ok(CREATE, Map.of("input", Map.of("firstName", "Recovered", "email", "recovered." + System.nanoTime() + "@example.com")));
        String id = created.getString("data.createContact.id");
        assertNull(admin.run(LIST).get("errors"));
        // isolation after recovery: the contact is not visible with another tenant's header, nor to its admin
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(admin.tenant("greenway-2026").run(LIST)));
        JsonPath foreign = GraphQLClient.as(Tokens.tenantUser("greenway-2026", "crm-admin")).tenant("greenway-2026")
                .run("query($id: ID!) { contact(id: $id) { id } }", Map.of("id", id));
        assertNull(foreign.get("data.contact"), foreign.prettify());
    }
}
