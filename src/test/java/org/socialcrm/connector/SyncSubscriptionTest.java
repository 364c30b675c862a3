package org.socialcrm.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.socialcrm.common.Network;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.Tokens;
import org.socialcrm.tenancy.TenantDirectory;
import org.socialcrm.tenancy.TenantTransactions;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/** syncCompleted over GraphQL websockets (graphql-transport-ws): the caller's tenant only. */
@QuarkusTest
class SyncSubscriptionTest {

    @TestHTTPResource("/graphql")
    URL graphql;
    @Inject
    Vertx vertx;
    @Inject
    TenantTransactions transactions;
    @Inject
    TenantDirectory directory;

    WebSocket subscribe(String token, String tenant, List<JsonObject> received) throws Exception {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(graphql.getHost()).setPort(graphql.getPort())
                .setURI("/graphql").addSubProtocol("graphql-transport-ws").addHeader("Authorization", "Bearer " + token)
                .addHeader("X-Tenant-ID", tenant);
        WebSocket socket = vertx.createWebSocketClient().connect(options).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        List<JsonObject> all = new CopyOnWriteArrayList<>();
        socket.textMessageHandler(text -> {
            JsonObject message = new JsonObject(text);
            all.add(message);
            if ("next".equals(message.getString("type")) || "error".equals(message.getString("type"))) {
                received.add(message);
            }
        });
        socket.writeTextMessage(new JsonObject().put("type", "connection_init").encode());
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> all.stream().anyMatch(m -> "connection_ack".equals(m.getString("type"))));
        socket.writeTextMessage(new JsonObject().put("id", "1").put("type", "subscribe").put("payload",
                new JsonObject().put("query", "subscription { syncCompleted { id status pointsWritten account { id network } } }")).encode());
        Thread.sleep(1000);
        return socket;
    }

    @Test
    void subscribersSeeTheirOwnTenantsSyncsOnly() throws Exception {
        String tenant = "lumen-cosmetics";
        var scope = ConnectorFixtures.scope(directory, tenant);
        String mid = ConnectorFixtures.unique("66");
        long identity = ConnectorFixtures.identity(transactions, scope, Network.MASTODON, ConnectorFixtures.unique("sub"), null);
        NetworkStubs.server().stubFor(get(urlPathEqualTo("/mastodon/api/v1/accounts/" + mid))
                .willReturn(okJson("{\"followers_count\":30,\"following_count\":20,\"statuses_count\":10}")));
        String adminToken = Tokens.tenantUser(tenant, "crm-admin");
        GraphQLClient admin = GraphQLClient.as(adminToken).tenant(tenant);
        String account = admin.ok(ConnectorPullTest.CONNECT, Map.of("input", Map.of("network", "MASTODON", "identityId",
                String.valueOf(identity), "accessToken", "m-sub", "externalAccountId", mid))).getString("data.connectSocialAccount.id");

        List<JsonObject> mine = new CopyOnWriteArrayList<>();
        List<JsonObject> others = new CopyOnWriteArrayList<>();
        WebSocket own = subscribe(Tokens.tenantUser(tenant, "crm-viewer"), tenant, mine);
        WebSocket foreign = subscribe(Tokens.tenantUser("greenway-2026", "crm-viewer"), "greenway-2026", others);
        try {
            String runId = admin.ok(ConnectorPullTest.SYNC, Map.of("id", account)).getString("data.syncNow.id");
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> mine.stream().anyMatch(m -> runId.equals(
                    m.getJsonObject("payload").getJsonObject("data").getJsonObject("syncCompleted").getString("id"))));
            JsonObject run = mine.stream().filter(m -> runId.equals(m.getJsonObject("payload").getJsonObject("data")
                    .getJsonObject("syncCompleted").getString("id"))).findFirst().orElseThrow()
                    .getJsonObject("payload").getJsonObject("data").getJsonObject("syncCompleted");
            assertEquals("SUCCEEDED", run.getString("status"));
            assertEquals(account, run.getJsonObject("account").getString("id"));
            Thread.sleep(1000);
            assertTrue(others.stream().noneMatch(m -> "error".equals(m.getString("type"))), "the other subscription is live: " + others);
            assertTrue(others.stream().noneMatch(m -> m.encode().contains("\"" + runId + "\"") && m.encode().contains(account)),
                    "another tenant's subscriber does not see the run: " + others);
        } finally {
            own.close();
            foreign.close();
        }
    }
}
