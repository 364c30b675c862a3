package org.socialcrm.change;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The change feed (docs/operations.md): retention, pruning, subscription polling. */
@ConfigMapping(prefix = "scrm.changes")
public interface ChangeConfig {

    /** How long changes stay readable (and resumable). */
    @WithDefault("7d")
    Duration retention();

    /** How often the pruning job runs. */
    @WithDefault("1h")
    String pruneEvery();

    /** How often subscriptions look for new changes. */
    @WithDefault("500ms")
    Duration subscriptionPoll();

    /**
     * Whether writers write their change rows. Only the outbox benchmark (bench/outbox_api.sh) turns it off, to
     * measure what the outbox costs; without it the feed, the subscriptions and the webhooks see nothing.
     */
    @WithDefault("true")
    boolean outbox();

    /** At most this many changes per subscription poll. */
    @WithDefault("200")
    int subscriptionBatch();
}
