package org.socialcrm.connector;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.socialcrm.common.ApiException;
import org.socialcrm.common.Failures;

import io.vertx.core.json.JsonObject;

/** API errors of the REST endpoints as JSON: {"code": "...", "message": "...", "field": ...} with the matching status. */
public final class RestErrors {

    private RestErrors() {
    }

    public static Response toResponse(Throwable failure) {
        if (failure instanceof jakarta.ws.rs.WebApplicationException web && web.getResponse() != null) {
            int status = web.getResponse().getStatus();
            return json(status, new JsonObject().put("code", status == 404 ? "NOT_FOUND" : "BAD_REQUEST")
                    .put("message", status == 415 ? "Unsupported content type." : "The request was refused (HTTP " + status + ")."));
        }
        Throwable api = Failures.toApi(failure);
        ApiException exception = (ApiException) api;
        int status = switch (exception.code()) {
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case BAD_USER_INPUT, TENANT_REQUIRED -> 400;
            case RATE_LIMITED -> 429;
            case TENANT_UNAVAILABLE, SERVICE_UNAVAILABLE -> 503;
            default -> 500;
        };
        return json(status, new JsonObject().put("code", exception.code().name()).put("message", exception.getMessage())
                .put("field", exception.field()));
    }

    public static Response json(int status, JsonObject body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body.encode()).build();
    }
}
