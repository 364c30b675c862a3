package org.socialcrm.ops;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.RateLimitedException;
import org.socialcrm.security.RequestQuota;
import org.socialcrm.tenancy.TenantRecord;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The rate limits of a tenant request: one bucket per tenant (every caller together), and one per partner client
 * (token subject) within the tenant, so a noisy tenant or partner only slows itself. A tenant's
 * {@code settings.rateLimit.requestsPerSecond} / {@code burst} (and {@code settings.rateLimit.partner.*}) override
 * the configured defaults.
 */
@ApplicationScoped
public class RequestLimits implements RequestQuota {

    /** Routing-context key holding the seconds for the {@code Retry-After} header of a 429. */
    public static final String RETRY_AFTER = "scrm.retry-after";
    /** Routing-context key marking a request already counted (a GraphQL operation resolves its tenant per field). */
    static final String COUNTED = "scrm.rate-counted";

    private final RateLimiter limiter;
    private final OpsConfig config;
    private final Metrics metrics;

    public RequestLimits(RateLimiter limiter, OpsConfig config, Metrics metrics) {
        this.limiter = limiter;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Counts one HTTP request of {@code tenant} (and of partner client {@code partnerClient} when not null), once per
     * request however many fields resolve the tenant; throws RATE_LIMITED when a bucket is empty, after noting the
     * wait in the routing context for REST answers.
     */
    @Override
    public void check(TenantRecord tenant, String partnerClient, RoutingContext context) {
        if (!config.enabled()) {
            return;
        }
        if (context != null) {
            Object counted = context.get(COUNTED);
            if (counted instanceof RateLimitedException refused) {
                throw refused;
            }
            if (counted != null) {
                return;
            }
        }
        try {
            take(tenant, partnerClient, context);
            if (context != null) {
                context.put(COUNTED, Boolean.TRUE);
            }
        } catch (RateLimitedException refused) {
            if (context != null) {
                context.put(COUNTED, refused);
            }
            throw refused;
        }
    }

    private void take(TenantRecord tenant, String partnerClient, RoutingContext context) {
        JsonObject own = object(tenant.settings().getValue("rateLimit"));
        long wait = limiter.tryAcquire("t:" + tenant.id(), rate(own, config.tenant()), burst(own, config.tenant()));
        String limited = "tenant";
        if (wait == 0 && partnerClient != null) {
            JsonObject partner = own == null ? null : object(own.getValue("partner"));
            wait = limiter.tryAcquire("p:" + tenant.id() + ":" + partnerClient, rate(partner, config.partner()),
                    burst(partner, config.partner()));
            limited = "partner";
        }
        if (wait > 0) {
            long seconds = Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
            if (context != null) {
                context.put(RETRY_AFTER, seconds);
            }
            metrics.rateLimited(limited);
            throw new RateLimitedException("Too many requests; retry in " + seconds + " s.");
        }
    }

    /** A settings object, or null when absent or of another type (bad settings never fail a request). */
    private static JsonObject object(Object value) {
        if (value instanceof JsonObject object) {
            return object;
        }
        return null;
    }

    private static double rate(JsonObject own, OpsConfig.Limit fallback) {
        Object value = own == null ? null : own.getValue("requestsPerSecond");
        return value instanceof Number n && n.doubleValue() > 0 ? n.doubleValue() : fallback.requestsPerSecond();
    }

    private static int burst(JsonObject own, OpsConfig.Limit fallback) {
        Object value = own == null ? null : own.getValue("burst");
        return value instanceof Number n && n.intValue() > 0 ? n.intValue() : fallback.burst();
    }
}
