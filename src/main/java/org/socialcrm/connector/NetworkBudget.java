package org.socialcrm.connector;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.Network;

/**
 * Per-network request budget of this replica: a token bucket refilled at requests-per-minute. A network whose
 * bucket is empty is skipped when leasing, so its jobs wait without blocking other networks.
 */
@ApplicationScoped
public class NetworkBudget {

    private static final Set<Network> CONNECTED = EnumSet.of(Network.X, Network.YOUTUBE, Network.INSTAGRAM, Network.MASTODON,
            Network.BLUESKY);

    private final Map<Network, Bucket> buckets = new EnumMap<>(Network.class);

    public NetworkBudget(ConnectorConfig config) {
        for (Network network : CONNECTED) {
            buckets.put(network, new Bucket(Math.max(1, config.network(network).requestsPerMinute())));
        }
    }

    public boolean tryAcquire(Network network) {
        Bucket bucket = buckets.get(network);
        return bucket != null && bucket.tryTake();
    }

    /** Networks with no request left right now. */
    public Set<Network> exhausted() {
        Set<Network> out = EnumSet.noneOf(Network.class);
        buckets.forEach((network, bucket) -> {
            if (bucket.available() < 1) {
                out.add(network);
            }
        });
        return out;
    }

    static final class Bucket {
        private final double capacity;
        private final double perNano;
        private double tokens;
        private long last = System.nanoTime();

        Bucket(int perMinute) {
            this.capacity = perMinute;
            this.perNano = perMinute / 60_000_000_000.0;
            this.tokens = perMinute;
        }

        synchronized boolean tryTake() {
            refill();
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }

        synchronized double available() {
            refill();
            return tokens;
        }

        private void refill() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
        }
    }
}
