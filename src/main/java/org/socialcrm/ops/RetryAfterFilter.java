package org.socialcrm.ops;

import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.vertx.ext.web.RoutingContext;

/** Adds {@code Retry-After} to the 429 answers of REST endpoints refused by {@link RequestLimits}. */
public class RetryAfterFilter {

    @ServerResponseFilter
    public void retryAfter(ContainerResponseContext response, RoutingContext context) {
        if (response.getStatus() != 429 || response.getHeaders().containsKey("Retry-After")) {
            return;
        }
        Object seconds = context == null ? null : context.get(RequestLimits.RETRY_AFTER);
        response.getHeaders().putSingle("Retry-After", String.valueOf(seconds == null ? 1 : seconds));
    }
}
