package org.socialcrm.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The token bucket itself, without Quarkus. */
class RateLimiterTest {

    static OpsConfig config(boolean enabled, int maxBuckets) {
        OpsConfig.Limit limit = new OpsConfig.Limit() {
            public double requestsPerSecond() {
                return 1;
            }

            public int burst() {
                return 1;
            }
        };
        return new OpsConfig() {
            public boolean enabled() {
                return enabled;
            }

            public Limit tenant() {
                return limit;
            }

            public Limit partner() {
                return limit;
            }

            public Duration idleEviction() {
                return Duration.ofMinutes(10);
            }

            public int maxBuckets() {
                return maxBuckets;
            }
        };
    }

    @Test
    void burstThenRefillAtTheRate() throws Exception {
        RateLimiter limiter = new RateLimiter(config(true, 1000));
        assertEquals(0, limiter.tryAcquire("a", 20, 2));
        assertEquals(0, limiter.tryAcquire("a", 20, 2));
        long wait = limiter.tryAcquire("a", 20, 2);
        assertTrue(wait > 0 && wait <= 50_000_000L, "one token every 50 ms: " + wait);
        assertEquals(0, limiter.tryAcquire("b", 20, 2), "another key has its own bucket");
        Thread.sleep(120);
        assertEquals(0, limiter.tryAcquire("a", 20, 2), "refilled");
    }

    @Test
    void idleBucketsAreEvictedAndTheCountIsCapped() {
        RateLimiter limiter = new RateLimiter(config(true, 100));
        for (int i = 0; i < 250; i++) {
            limiter.tryAcquire("k" + i, 1, 1);
        }
        assertTrue(limiter.size() <= 100, "capped: " + limiter.size());
        assertEquals(0, limiter.evictIdleSince(System.nanoTime() + 1), "everything idle is dropped");
    }

    @Test
    void disabledLetsEverythingThrough() {
        RateLimiter limiter = new RateLimiter(config(false, 100));
        for (int i = 0; i < 10; i++) {
            assertEquals(0, limiter.tryAcquire("x", 0.001, 1));
        }
        assertEquals(0, limiter.size());
    }
}
