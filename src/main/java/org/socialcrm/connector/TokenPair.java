package org.socialcrm.connector;

import java.time.OffsetDateTime;

/** An account's tokens in clear, in memory only; toString never shows them. */
public record TokenPair(String accessToken, String refreshToken, OffsetDateTime expiresAt) {

    @Override
    public String toString() {
        return "TokenPair[expiresAt=" + expiresAt + "]";
    }
}
