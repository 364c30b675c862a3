package org.socialcrm.common;

import java.util.UUID;
import java.util.regex.Pattern;

import org.jboss.logging.MDC;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every HTTP request an id: the caller's {@code X-Request-ID} when it is a plain token of at most 64
 * characters, else a new UUID. It goes into the log MDC (key {@code requestId}; {@code tenant} is added once the
 * tenant is resolved) and back to the caller in the {@code X-Request-ID} response header. Runs on the event loop and
 * does no I/O.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-ID";
    public static final String REQUEST_MDC = "requestId";
    public static final String TENANT_MDC = "tenant";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 100).handler(RequestIds::assign);
    }

    static void assign(RoutingContext context) {
        String given = context.request().getHeader(HEADER);
        String id = given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        context.put(REQUEST_MDC, id);
        MDC.put(REQUEST_MDC, id);
        MDC.remove(TENANT_MDC);
        context.response().putHeader(HEADER, id);
        context.next();
    }
}
