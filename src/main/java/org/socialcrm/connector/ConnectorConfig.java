package org.socialcrm.connector;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.socialcrm.common.Network;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Connectors: token keys, the scheduler, HTTP limits, the OAuth flow and each network's endpoints (docs/connectors.md). */
@ConfigMapping(prefix = "scrm.connectors")
public interface ConnectorConfig {

    Tokens tokens();

    Scheduler scheduler();

    Http http();

    OAuth oauth();

    /** Metric points of one pull are stamped with the pull time truncated to this resolution (idempotency bucket). */
    @WithDefault("1h")
    Duration metricResolution();

    NetworkSettings x();

    NetworkSettings youtube();

    NetworkSettings instagram();

    NetworkSettings mastodon();

    NetworkSettings bluesky();

    default NetworkSettings network(Network network) {
        return switch (network) {
            case X -> x();
            case YOUTUBE -> youtube();
            case INSTAGRAM -> instagram();
            case MASTODON -> mastodon();
            case BLUESKY -> bluesky();
            default -> throw new IllegalArgumentException("no connector for " + network);
        };
    }

    interface Tokens {
        /** Id of the key new ciphertexts are written with. */
        Optional<String> currentKeyId();

        /** Key id -> base64 AES key (16, 24 or 32 bytes). Old ids stay here until no token uses them. */
        Map<String, String> keys();

        /** When true (prod), start-up fails without a configured key; otherwise an ephemeral key is used. */
        @WithDefault("false")
        boolean requireKey();

        /** Access tokens expiring within this margin are refreshed before a pull. */
        @WithDefault("60s")
        Duration refreshSkew();
    }

    interface Scheduler {
        /** Off: nothing is pulled on this replica (syncNow still works). */
        @WithDefault("true")
        boolean enabled();

        /** Tick period (quarkus-scheduler syntax, e.g. 5s). */
        @WithDefault("5s")
        String every();

        /** How many jobs one tick leases at most. */
        @WithDefault("20")
        int batchSize();

        /** Pulls running at once on this replica. */
        @WithDefault("8")
        int maxConcurrency();

        /** How long a lease holds; a crashed replica's jobs are taken over after it. */
        @WithDefault("5m")
        Duration lease();

        /** Pull interval of an account without its own or its tenant's setting. */
        @WithDefault("1h")
        Duration defaultInterval();

        /** Random delay added to each next run, so accounts connected together spread out. */
        @WithDefault("2m")
        Duration jitter();

        /** Wait after a 429 that names no reset time. */
        @WithDefault("15m")
        Duration defaultRateLimitWait();

        /** First retry delay of a failing account; doubles per consecutive failure, capped at the interval. */
        @WithDefault("1m")
        Duration failureBackoff();

        /** Lease owner name of this replica (defaults to host name + random suffix). */
        Optional<String> owner();
    }

    interface Http {
        @WithDefault("10s")
        Duration timeout();

        @WithDefault("5s")
        Duration connectTimeout();
    }

    interface OAuth {
        /** HMAC secret of the OAuth state (base64); derived from the current token key when absent. */
        Optional<String> stateSecret();

        @WithDefault("10m")
        Duration stateTtl();

        /** Public base URL of this service, for redirect_uri. */
        @WithDefault("http://localhost:8080")
        String publicBaseUrl();

        /** Where the browser goes after the callback (with ?network=&accountId=); JSON answer when absent. */
        Optional<String> completionUrl();
    }

    interface NetworkSettings {
        /** Base URL of the profile API. */
        String baseUrl();

        Optional<String> authorizeUrl();

        /** Token endpoint for the authorization-code exchange (and refresh unless refreshUrl is set). */
        Optional<String> tokenUrl();

        Optional<String> refreshUrl();

        Optional<String> clientId();

        Optional<String> clientSecret();

        /** Space-separated OAuth scopes asked for. */
        Optional<String> scopes();

        @WithDefault("false")
        boolean pkce();

        /** Per-replica request budget for this network. */
        @WithDefault("300")
        int requestsPerMinute();
    }
}
