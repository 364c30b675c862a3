package org.socialcrm.connector;

import java.time.Instant;

/**
 * Why a pull failed. Messages are stored as the account's lastError and the sync run's error: they name the
 * network and the HTTP status only, never a token or a response body.
 */
public class ConnectorFailure extends RuntimeException {

    ConnectorFailure(String message) {
        super(message, null, false, false);
    }

    /** Not worth retrying soon: the account is gone, suspended, or the network refused access. */
    public static ConnectorFailure permanent(String message) {
        return new ConnectorFailure(message);
    }

    /** 5xx, timeouts, malformed bodies: retried with exponential backoff. */
    public static class Transient extends ConnectorFailure {
        public Transient(String message) {
            super(message);
        }
    }

    /** The network's rate limit or quota: the next pull waits until {@code retryAt}. */
    public static class RateLimited extends ConnectorFailure {
        private final Instant retryAt;

        public RateLimited(String message, Instant retryAt) {
            super(message);
            this.retryAt = retryAt;
        }

        public Instant retryAt() {
            return retryAt;
        }
    }

    /** 401: the access token expired or was revoked; a refresh may help. */
    public static class Unauthorized extends ConnectorFailure {
        public Unauthorized(String message) {
            super(message);
        }
    }

    /** The token endpoint refused the refresh (or there is none): the account needs re-authorization. */
    public static class RefreshRefused extends ConnectorFailure {
        public RefreshRefused(String message) {
            super(message);
        }
    }
}
