package org.socialcrm.connector;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.Network;
import org.socialcrm.common.outbound.OutboundPolicy;
import org.socialcrm.common.outbound.OutboundRefusedException;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * The Vert.x WebClient every connector uses: one client built from the {@link OutboundPolicy}'s options (no redirects
 * followed), the policy's address check before each call, a per-request timeout, and transport failures turned into
 * {@link ConnectorFailure.Transient} (without the URL, which may carry a token for some networks).
 */
@ApplicationScoped
public class ConnectorHttp {

    private final WebClient client;
    private final long timeoutMillis;
    private final OutboundPolicy policy;

    public ConnectorHttp(Vertx vertx, ConnectorConfig config, OutboundPolicy policy) {
        this.policy = policy;
        WebClientOptions options = policy.clientOptions()
                .setConnectTimeout((int) config.http().connectTimeout().toMillis())
                .setUserAgent("social-crm-connector/1")
                .setMaxPoolSize(32);
        this.client = WebClient.create(vertx, options.setFollowRedirects(false));
        this.timeoutMillis = config.http().timeout().toMillis();
    }

    public HttpRequest<Buffer> get(String url) {
        return client.getAbs(url).timeout(timeoutMillis);
    }

    public HttpRequest<Buffer> post(String url) {
        return client.postAbs(url).timeout(timeoutMillis);
    }

    public Uni<HttpResponse<Buffer>> send(Network network, HttpRequest<Buffer> request) {
        return guard(network, request, Uni.createFrom().deferred(request::send));
    }

    public Uni<HttpResponse<Buffer>> sendForm(Network network, HttpRequest<Buffer> request, MultiMap form) {
        return guard(network, request, Uni.createFrom().deferred(() -> request.sendForm(form)));
    }

    /** Every call first passes the outbound policy (its host's addresses); a refused address is not worth retrying. */
    private Uni<HttpResponse<Buffer>> guard(Network network, HttpRequest<Buffer> request, Uni<HttpResponse<Buffer>> call) {
        return policy.checkBeforeCall(target(request)).chain(() -> call)
                .onFailure(failure -> !(failure instanceof ConnectorFailure)).transform(failure -> {
                    if (failure instanceof OutboundRefusedException) {
                        return ConnectorFailure.permanent(HttpAnswers.label(network) + " address is not allowed for outbound calls");
                    }
                    boolean timeout = failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout");
                    return new ConnectorFailure.Transient(HttpAnswers.label(network)
                            + (timeout ? " did not answer in time" : " could not be reached"));
                });
    }

    private static URI target(HttpRequest<Buffer> request) {
        try {
            return new URI(Boolean.TRUE.equals(request.ssl()) ? "https" : "http", null, request.host(), request.port(), null, null, null);
        } catch (URISyntaxException e) {
            return null; // refused by the policy
        }
    }

    /** A JSON body, or a transient failure when the body is not a JSON object. */
    public static JsonObject jsonBody(Network network, HttpResponse<Buffer> response) {
        try {
            Buffer body = response.body();
            if (body == null || body.length() == 0) {
                throw new ConnectorFailure.Transient(HttpAnswers.label(network) + " answered with an empty body");
            }
            return new JsonObject(body.toString());
        } catch (DecodeException | ClassCastException e) {
            throw new ConnectorFailure.Transient(HttpAnswers.label(network) + " answered with malformed JSON");
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
