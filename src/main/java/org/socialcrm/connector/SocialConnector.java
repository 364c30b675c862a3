package org.socialcrm.connector;

import org.socialcrm.common.Network;

import io.smallrye.mutiny.Uni;

/**
 * One social network's API. Implementations read their endpoints from {@link ConnectorConfig}, classify answers
 * with {@link HttpAnswers} (429/quota -> {@link ConnectorFailure.RateLimited}, 401 -> {@link ConnectorFailure.Unauthorized},
 * 5xx/timeouts/malformed bodies -> {@link ConnectorFailure.Transient}) and never put a token in a message.
 */
public interface SocialConnector {

    Network network();

    /** The account's current profile counts. */
    Uni<ProfileMetrics> fetch(ConnectorTarget account, String accessToken);

    /**
     * New tokens for an account whose access token expired. A refused refresh fails with
     * {@link ConnectorFailure.RefreshRefused} (the account then needs re-authorization).
     */
    Uni<TokenPair> refresh(TokenPair current);

    /** Whether this network's tokens can be refreshed at all. */
    default boolean refreshable(TokenPair current) {
        return current.refreshToken() != null;
    }
}
