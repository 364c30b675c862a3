package org.socialcrm.common;

import java.util.concurrent.RejectedExecutionException;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Failures that escape every API layer and reach Vert.x (for instance a tenant lookup of the per-tenant issuer
 * resolver while the database is down, before GraphQL or REST run) are answered here through {@link SafeFailures}
 * instead of by Quarkus' error page, which prints the exception message (and in dev and test the stack trace) in the
 * body and in the log. GraphQL paths get a GraphQL error ({@code extensions.code}), other paths the REST error body;
 * a database that cannot be reached is SERVICE_UNAVAILABLE (503 on REST). Authentication failures, worker pool
 * exhaustion and plain status failures keep Quarkus' own handling.
 */
@Singleton
public class HttpFailures {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    void handle(RoutingContext context) {
        Throwable failure = context.failure();
        if (failure == null || context.response().headWritten() || context.response().ended()
                || !SafeFailures.databaseUnreachable(failure) && keepsQuarkusHandling(failure)) {
            context.next();
            return;
        }
        ApiException api = SafeFailures.toApi(failure);
        JsonObject body;
        int status;
        if (context.normalizedPath().startsWith("/graphql")) {
            status = 200;
            body = new JsonObject().put("errors", new JsonArray().add(new JsonObject().put("message", api.getMessage())
                    .put("extensions", new JsonObject().put("code", api.code().name()))))
                    .put("data", null);
        } else {
            status = RestErrors.status(api.code());
            body = new JsonObject().put("code", api.code().name()).put("message", api.getMessage());
        }
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    private static boolean keepsQuarkusHandling(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            if (name.startsWith("io.quarkus.security.") || name.startsWith("io.quarkus.vertx.http.runtime.security.")
                    || t instanceof RejectedExecutionException || t instanceof io.vertx.ext.web.handler.HttpException) {
                return true;
            }
        }
        return false;
    }
}
