package org.socialcrm.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/** A graphql-transport-ws client session, as a browser client subscribes: token and tenant on the upgrade request. */
public record GraphQLWs(WebSocket socket, List<JsonObject> messages, java.util.concurrent.atomic.AtomicBoolean closed) implements AutoCloseable {

    public static GraphQLWs connect(Vertx vertx, String token, String tenant) throws Exception {
        return connect(vertx, token, tenant, new JsonObject());
    }

    /** As {@link #connect(Vertx, String, String)}, with connection parameters (the {@code connection_init} payload). */
    public static GraphQLWs connect(Vertx vertx, String token, String tenant, JsonObject parameters) throws Exception {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost").setPort(RestAssured.port)
                .setURI("/graphql").setSubProtocols(List.of("graphql-transport-ws"))
                .addHeader("Authorization", "Bearer " + token);
        if (tenant != null) {
            options.addHeader("X-Tenant-ID", tenant);
        }
        List<JsonObject> messages = new CopyOnWriteArrayList<>();
        WebSocket socket = vertx.createWebSocketClient().connect(options).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        socket.textMessageHandler(text -> messages.add(new JsonObject(text)));
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        socket.closeHandler(ignored -> closed.set(true));
        GraphQLWs session = new GraphQLWs(socket, messages, closed);
        session.send(new JsonObject().put("type", "connection_init").put("payload", parameters));
        session.await("connection_ack");
        return session;
    }

    public void send(JsonObject message) {
        socket.writeTextMessage(message.encode());
    }

    public void subscribe(String id, String query, Map<String, Object> variables) {
        send(new JsonObject().put("id", id).put("type", "subscribe").put("payload",
                new JsonObject().put("query", query).put("variables", new JsonObject(variables))));
    }

    public JsonObject await(String type) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> messages.stream().anyMatch(m -> type.equals(m.getString("type"))));
        return messages.stream().filter(m -> type.equals(m.getString("type"))).findFirst().orElseThrow();
    }

    /** The data of every {@code next} message of the subscription {@code id}, under {@code field}. */
    public List<JsonObject> data(String id, String field) {
        return messages.stream().filter(m -> "next".equals(m.getString("type")) && id.equals(m.getString("id")))
                .map(m -> m.getJsonObject("payload").getJsonObject("data"))
                .map(d -> d == null ? null : d.getJsonObject(field)).toList();
    }

    @Override
    public void close() {
        socket.close();
    }
}
