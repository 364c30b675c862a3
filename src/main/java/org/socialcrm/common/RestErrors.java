package org.socialcrm.common;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.vertx.core.json.JsonObject;

/**
 * The REST error answer of every endpoint: {"code": "...", "message": "...", "field": ...} with the matching status.
 * Its exception mapper is global (declared outside a resource), so every failure of a REST resource goes through
 * {@link SafeFailures}: codes and safe messages only, SERVICE_UNAVAILABLE as 503, anything else INTERNAL with a
 * reference and no exception text.
 */
public final class RestErrors {

    @ServerExceptionMapper
    public Response map(Throwable failure) {
        return toResponse(failure);
    }

    public static Response toResponse(Throwable failure) {
        if (failure instanceof WebApplicationException web && web.getResponse() != null && web.getResponse().getStatus() < 500) {
            int status = web.getResponse().getStatus();
            String code = switch (status) {
                case 401 -> ErrorCode.UNAUTHENTICATED.name();
                case 403 -> ErrorCode.FORBIDDEN.name();
                case 404 -> ErrorCode.NOT_FOUND.name();
                default -> "BAD_REQUEST";
            };
            return json(status, new JsonObject().put("code", code)
                    .put("message", status == 415 ? "Unsupported content type." : "The request was refused (HTTP " + status + ")."));
        }
        ApiException exception = SafeFailures.toApi(failure);
        return json(status(exception.code()), new JsonObject().put("code", exception.code().name())
                .put("message", exception.getMessage()).put("field", exception.field()));
    }

    public static int status(ErrorCode code) {
        return switch (code) {
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case BAD_USER_INPUT, TENANT_REQUIRED -> 400;
            case RATE_LIMITED -> 429;
            case TENANT_UNAVAILABLE, SERVICE_UNAVAILABLE -> 503;
            case INTERNAL -> 500;
            case NOT_SUPPORTED -> 501;
        };
    }

    public static Response json(int status, JsonObject body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body.encode()).build();
    }
}
