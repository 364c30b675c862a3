package org.socialcrm.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.socialcrm.change.ChangeLog;
import org.socialcrm.change.ChangeTypes;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.TestTenants;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.GraphQLWs;
import org.socialcrm.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/** lifecycleChanged over graphql-transport-ws, as a browser client would subscribe. */
@QuarkusTest
class LifecycleSubscriptionTest {

    static final String TENANT = "lumen-cosmetics";

    @Inject
    Vertx vertx;
    @Inject
    TenantFixtures tenants;
    @Inject
    ChangeLog changeLog;

    record Session(WebSocket socket, List<JsonObject> messages) {
        void send(JsonObject message) {
            socket.writeTextMessage(message.encode());
        }

        JsonObject await(String type) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> messages.stream().anyMatch(m -> type.equals(m.getString("type"))));
            return messages.stream().filter(m -> type.equals(m.getString("type"))).findFirst().orElseThrow();
        }
    }

    Session connect(String token, String tenant) throws Exception {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost").setPort(RestAssured.port)
                .setURI("/graphql").setSubProtocols(List.of("graphql-transport-ws"))
                .addHeader("Authorization", "Bearer " + token).addHeader("X-Tenant-ID", tenant);
        List<JsonObject> messages = new CopyOnWriteArrayList<>();
        WebSocket socket = vertx.createWebSocketClient().connect(options).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        socket.textMessageHandler(text -> messages.add(new JsonObject(text)));
        Session session = new Session(socket, messages);
        session.send(new JsonObject().put("type", "connection_init").put("payload", new JsonObject()));
        session.await("connection_ack");
        session.send(new JsonObject().put("id", "1").put("type", "subscribe").put("payload",
                new JsonObject().put("query", "subscription { lifecycleChanged { id fromStage toStage source note contact { id lifecycleStage } } }")));
        return session;
    }

    @Test
    void subscribersReceiveTheirOwnTenantsMovesOnly() throws Exception {
        String other = tenants.createIsolated("lcs", null);
        Session session = connect(Tokens.tenantUser(TENANT, "crm-viewer"), TENANT);
        try {
            Thread.sleep(1000); // graphql-transport-ws does not confirm a subscription
            GraphQLClient otherAdmin = TestTenants.admin(other);
            String otherContact = LifecycleGraphQLTest.createContact(otherAdmin, "Elsewhere");
            otherAdmin.ok(LifecycleGraphQLTest.MOVE, LifecycleGraphQLTest.move(otherContact, "lead", null, "other tenant"));
            GraphQLClient admin = GraphQLClient.as(Tokens.tenantUser(TENANT, "crm-admin")).tenant(TENANT);
            String contact = LifecycleGraphQLTest.createContact(admin, "Live");
            admin.ok(LifecycleGraphQLTest.MOVE, LifecycleGraphQLTest.move(contact, "lead", null, "live " + contact));

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> session.messages().stream()
                    .anyMatch(m -> "next".equals(m.getString("type")) && m.encode().contains("live " + contact)));
            JsonObject next = session.messages().stream()
                    .filter(m -> "next".equals(m.getString("type")) && m.encode().contains("live " + contact)).findFirst().orElseThrow();
            JsonObject transition = next.getJsonObject("payload").getJsonObject("data").getJsonObject("lifecycleChanged");
            assertEquals("subscriber", transition.getString("fromStage"));
            assertEquals("lead", transition.getString("toStage"));
            assertEquals("api", transition.getString("source"));
            assertEquals(contact, transition.getJsonObject("contact").getString("id"));
            assertEquals("lead", transition.getJsonObject("contact").getString("lifecycleStage"));
            assertTrue(session.messages().stream().noneMatch(m -> m.encode().contains("other tenant")),
                    "another tenant's move reached lumen's subscriber: " + session.messages());
        } finally {
            session.socket().close();
        }
    }

    @Test
    void subscribingToAnotherTenantIsRefused() throws Exception {
        String other = tenants.createIsolated("lcr", null);
        Session session = connect(Tokens.tenantUser(TENANT, "crm-admin"), other);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> session.messages().size() > 1);
            assertTrue(session.messages().toString().contains("FORBIDDEN"), session.messages().toString());
        } finally {
            session.socket().close();
        }
    }

    /** Subscribes with {@code query}, moves {@code contact} to lead (note "one") and returns that event's cursor. */
    String cursorOfALiveMove(String slug, GraphQLClient admin, String query, String contact) throws Exception {
        try (GraphQLWs session = GraphQLWs.connect(vertx, Tokens.tenantUser(slug, "crm-viewer"), slug)) {
            session.subscribe("1", query, java.util.Map.of());
            Thread.sleep(1000);
            admin.ok(LifecycleGraphQLTest.MOVE, LifecycleGraphQLTest.move(contact, "lead", null, "one"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> session.data("1", "lifecycleChanged").size() == 1);
            return session.data("1", "lifecycleChanged").get(0).getString("changeCursor");
        }
    }

    /** Moves "two" (of {@code first}) and "three" (of a new contact, returned) while no client listens. */
    static String movesWhileDisconnected(GraphQLClient admin, String first) {
        admin.ok(LifecycleGraphQLTest.MOVE, LifecycleGraphQLTest.move(first, "customer", null, "two"));
        String second = LifecycleGraphQLTest.createContact(admin, "Second");
        admin.ok(LifecycleGraphQLTest.MOVE, LifecycleGraphQLTest.move(second, "lead", null, "three"));
        return second;
    }

    @Test
    void aClientThatResubscribesWithItsLastCursorMissesNothing() throws Exception {
        String slug = tenants.createIsolated("lsr", null);
        GraphQLClient admin = TestTenants.admin(slug);
        String query = "subscription($after: String) { lifecycleChanged(after: $after) { note changeCursor contact { id } } }";
        String first = LifecycleGraphQLTest.createContact(admin, "First");
        String cursor = cursorOfALiveMove(slug, admin, query, first);
        // disconnected meanwhile
        String second = movesWhileDisconnected(admin, first);
        try (GraphQLWs session = GraphQLWs.connect(vertx, Tokens.tenantUser(slug, "crm-viewer"), slug)) {
            session.subscribe("1", query, java.util.Map.of("after", cursor));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> session.data("1", "lifecycleChanged").size() >= 2);
            Thread.sleep(500);
            List<JsonObject> events = session.data("1", "lifecycleChanged");
            assertEquals(List.of("two", "three"), events.stream().map(e -> e.getString("note")).toList());
            assertEquals(second, events.get(1).getJsonObject("contact").getString("id"));
            session.subscribe("2", query, java.util.Map.of("after", "not-a-cursor"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> session.messages().toString().contains("BAD_USER_INPUT"));
        }
    }

    @Test
    void aClientThatReconnectsWithItsLastCursorAsAConnectionParameterMissesNothingAndGetsNothingTwice() throws Exception {
        String slug = tenants.createIsolated("lsp", null);
        String other = tenants.createIsolated("lspo", null);
        GraphQLClient admin = TestTenants.admin(slug);
        GraphQLClient otherAdmin = TestTenants.admin(other);
        String query = "subscription { lifecycleChanged { note changeCursor contact { id } } }";
        String first = LifecycleGraphQLTest.createContact(admin, "First");
        String cursor = cursorOfALiveMove(slug, admin, query, first);
        // disconnected meanwhile: two moves commit, another tenant moves, and a transaction that wrote a change of the
        // first move again rolls back
        String second = movesWhileDisconnected(admin, first);
        String elsewhere = LifecycleGraphQLTest.createContact(otherAdmin, "Elsewhere");
        otherAdmin.ok(LifecycleGraphQLTest.MOVE, LifecycleGraphQLTest.move(elsewhere, "lead", null, "other tenant"));
        String firstTransition = admin.ok("{ changes(types: [\"lifecycle.changed\"]) { edges { node { data } } } }")
                .getString("data.changes.edges[0].node.data.transitionId");
        try {
            tenants.inTenant(slug, connection -> changeLog.record(connection, ChangeTypes.LIFECYCLE_CHANGED, Long.parseLong(first),
                    new io.vertx.core.json.JsonObject().put("transitionId", firstTransition))
                    .chain(() -> io.smallrye.mutiny.Uni.createFrom().failure(new IllegalStateException("rolled back"))));
        } catch (IllegalStateException expected) {
            // rolled back: its change must never reach a subscriber
        }
        try (GraphQLWs session = GraphQLWs.connect(vertx, Tokens.tenantUser(slug, "crm-viewer"), slug,
                new JsonObject().put("lastChangeCursor", cursor))) {
            session.subscribe("1", query, java.util.Map.of());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> session.data("1", "lifecycleChanged").size() >= 2);
            admin.ok(LifecycleGraphQLTest.MOVE, LifecycleGraphQLTest.move(second, "customer", null, "four"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> session.data("1", "lifecycleChanged").size() >= 3);
            Thread.sleep(1500);
            List<JsonObject> events = session.data("1", "lifecycleChanged");
            assertEquals(List.of("two", "three", "four"), events.stream().map(e -> e.getString("note")).toList(),
                    "missed while disconnected, in order, then live; nothing twice, nothing rolled back: " + events);
            assertEquals(second, events.get(1).getJsonObject("contact").getString("id"));
            // the after argument still wins over the connection parameter
            session.subscribe("2", "subscription($after: String) { lifecycleChanged(after: $after) { note } }",
                    java.util.Map.of("after", events.get(1).getString("changeCursor")));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> session.data("2", "lifecycleChanged").size() >= 1);
            Thread.sleep(1000);
            assertEquals(List.of("four"), session.data("2", "lifecycleChanged").stream().map(e -> e.getString("note")).toList());
        }
        try (GraphQLWs session = GraphQLWs.connect(vertx, Tokens.tenantUser(slug, "crm-viewer"), slug,
                new JsonObject().put("lastChangeCursor", "not-a-cursor"))) {
            session.subscribe("1", query, java.util.Map.of());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> session.messages().toString().contains("BAD_USER_INPUT"));
            assertTrue(session.messages().toString().contains("lastChangeCursor"), session.messages().toString());
        }
    }
}
