package org.socialcrm.connector;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;

/**
 * The network calls of a pull, guarded by SmallRye Fault Tolerance: transient failures (5xx, timeouts, malformed
 * bodies) are retried with exponential backoff; rate limits, 401s and permanent refusals are not. Tunable with the
 * MicroProfile keys {@code org.socialcrm.connector.ConnectorCalls/fetch/Retry/maxRetries} and {@code .../delay}.
 */
@ApplicationScoped
public class ConnectorCalls {

    @AsynchronousNonBlocking
    @Retry(maxRetries = 3, delay = 500, jitter = 200, retryOn = ConnectorFailure.Transient.class)
    @ExponentialBackoff(factor = 2, maxDelay = 10_000)
    public Uni<ProfileMetrics> fetch(SocialConnector connector, ConnectorTarget target, String accessToken) {
        return connector.fetch(target, accessToken);
    }

    @AsynchronousNonBlocking
    @Retry(maxRetries = 3, delay = 500, jitter = 200, retryOn = ConnectorFailure.Transient.class)
    @ExponentialBackoff(factor = 2, maxDelay = 10_000)
    public Uni<TokenPair> refresh(SocialConnector connector, TokenPair current) {
        return connector.refresh(current);
    }
}
