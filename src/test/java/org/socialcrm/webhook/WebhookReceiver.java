package org.socialcrm.webhook;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

/** A real HTTP endpoint on loopback that records what webhooks send it; answers per path (200 unless told). */
final class WebhookReceiver implements AutoCloseable {

    record Received(String path, String event, String delivery, String signature, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    /** A status that makes the path never answer (a hanging endpoint). */
    static final int NO_ANSWER = -1;

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Integer, Integer>> answers = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> calls = new ConcurrentHashMap<>();
    private final HttpServer server;

    WebhookReceiver(Vertx vertx) throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            String path = request.path();
            int call = calls.computeIfAbsent(path, p -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
            received.add(new Received(path, request.getHeader("X-SCRM-Event"), request.getHeader("X-SCRM-Delivery"),
                    request.getHeader("X-SCRM-Signature"), body.toString()));
            int status = answers.getOrDefault(path, n -> 200).apply(call);
            if (status != NO_ANSWER) {
                request.response().setStatusCode(status).end();
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** How {@code path} answers its n-th call (1-based). */
    void answer(String path, Function<Integer, Integer> status) {
        answers.put(path, status);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.close();
    }
}
