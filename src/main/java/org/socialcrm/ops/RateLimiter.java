package org.socialcrm.ops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

/**
 * Token buckets in memory, one per key (tenant, partner client). A bucket holds at most {@code burst} tokens and
 * refills at {@code rate} tokens a second; a request takes one. Buckets are per replica: with N replicas behind a
 * load balancer a tenant gets up to N times the rate. Idle buckets are evicted, so memory follows active callers.
 */
@ApplicationScoped
public class RateLimiter {

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final OpsConfig config;

    public RateLimiter(OpsConfig config) {
        this.config = config;
    }

    static final class Bucket {
        private double tokens;
        private long refilledAt;
        private volatile long touchedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
            this.touchedAt = now;
        }

        /** Takes a token; returns 0 when granted, else the nanoseconds until one is available. */
        synchronized long take(double rate, int burst, long now) {
            touchedAt = now;
            double elapsed = (now - refilledAt) / 1e9;
            tokens = Math.min(burst, tokens + elapsed * rate);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / rate * 1e9);
        }
    }

    /**
     * Takes one request from the bucket of {@code key}; returns 0 when allowed, else the wait in nanoseconds before
     * a retry can pass.
     */
    public long tryAcquire(String key, double requestsPerSecond, int burst) {
        if (!config.enabled() || requestsPerSecond <= 0) {
            return 0;
        }
        int capacity = Math.max(1, burst);
        long now = System.nanoTime();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
        long wait = bucket.take(requestsPerSecond, capacity, now);
        if (buckets.size() > config.maxBuckets()) {
            trim();
        }
        return wait;
    }

    @Scheduled(every = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void evictIdle() {
        evictIdleSince(System.nanoTime() - config.idleEviction().toNanos());
    }

    /** Drops the buckets untouched since {@code nanoTime}; returns how many remain. */
    int evictIdleSince(long nanoTime) {
        buckets.entrySet().removeIf(e -> e.getValue().touchedAt - nanoTime < 0);
        return buckets.size();
    }

    private synchronized void trim() {
        if (buckets.size() <= config.maxBuckets()) {
            return;
        }
        List<Map.Entry<String, Bucket>> entries = new ArrayList<>(buckets.entrySet());
        entries.sort(Comparator.comparingLong(e -> e.getValue().touchedAt));
        for (int i = 0; i < entries.size() / 2; i++) {
            buckets.remove(entries.get(i).getKey(), entries.get(i).getValue());
        }
    }

    int size() {
        return buckets.size();
    }
}
