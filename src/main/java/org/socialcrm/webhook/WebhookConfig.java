package org.socialcrm.webhook;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Webhook deliveries (docs/operations.md). */
@ConfigMapping(prefix = "scrm.webhooks")
public interface WebhookConfig {

    /** Whether this replica delivers (tests drive {@link WebhookDispatcher#runDue()} themselves). */
    @WithDefault("true")
    boolean enabled();

    /** How often this replica looks for due deliveries. */
    @WithDefault("1s")
    String every();

    /** Tenants this replica works on at once; a slow endpoint holds one slot, never the others. */
    @WithDefault("8")
    int maxTenants();

    /** Deliveries leased per tenant and round. */
    @WithDefault("2000")
    int batchSize();

    /** At most this many deliveries of one (webhook, subject) queue per round; they go out one after the other. */
    @WithDefault("20")
    int perSubject();

    /** Queues (webhook, subject) sent concurrently per tenant. */
    @WithDefault("64")
    int concurrency();

    /** Kept-alive HTTP connections per endpoint host (and replica). */
    @WithDefault("32")
    int connectionsPerHost();

    /** How long a lease (tenant and deliveries) holds; longer than the request timeout. */
    @WithDefault("60s")
    Duration lease();

    /** A 2xx answer within this time is a success. */
    @WithDefault("10s")
    Duration timeout();

    /** First retry after this, doubling per attempt up to {@link #backoffMax()}. */
    @WithDefault("30s")
    Duration backoffBase();

    @WithDefault("1h")
    Duration backoffMax();

    /** A delivery not successful this long after it was queued is marked FAILED. */
    @WithDefault("24h")
    Duration giveUpAfter();

    /** An endpoint failing every delivery this long is deactivated. */
    @WithDefault("24h")
    Duration deactivateAfter();

    /** How soon a tenant with nothing (more) to deliver is looked at again. */
    @WithDefault("1s")
    Duration idlePoll();
}
