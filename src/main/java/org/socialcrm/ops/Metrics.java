package org.socialcrm.ops;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.socialcrm.common.Network;
import org.socialcrm.tenancy.TenantStatus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The service's own metrics (Prometheus at /q/metrics): connector pulls by network and outcome, ingested points by
 * outcome, rate-limited requests, connector lease lag and tenants by status. The two gauges come from the control
 * plane, refreshed every 15 s (they keep their last value while the database is away).
 */
@ApplicationScoped
public class Metrics {

    public static final String PULLS = "scrm.connector.pulls";
    public static final String INGESTED = "scrm.ingest.points";
    public static final String RATE_LIMITED = "scrm.rate.limited";
    public static final String LEASE_LAG = "scrm.connector.lease.lag";
    public static final String TENANTS = "scrm.tenants";

    private static final Logger LOG = Logger.getLogger(Metrics.class);

    static final String LAG_SQL = """
            select coalesce(extract(epoch from now() - min(next_run_at)), 0)::float8 as lag
              from control.connector_job
             where status = 'ACTIVE' and next_run_at <= now()
               and (lease_owner is null or lease_expires_at is null or lease_expires_at < now())""";

    private final MeterRegistry registry;
    private final Pool pool;
    private final AtomicLong lagMillis = new AtomicLong();
    private final Map<TenantStatus, AtomicLong> tenants = new EnumMap<>(TenantStatus.class);

    public Metrics(MeterRegistry registry, Pool pool) {
        this.registry = registry;
        this.pool = pool;
        Gauge.builder(LEASE_LAG, lagMillis, v -> v.get() / 1000.0).baseUnit("seconds")
                .description("Age of the oldest due connector job no replica has leased").register(registry);
        for (TenantStatus status : TenantStatus.values()) {
            AtomicLong count = new AtomicLong();
            tenants.put(status, count);
            Gauge.builder(TENANTS, count, AtomicLong::get).tag("status", status.name())
                    .description("Tenants by status").register(registry);
        }
    }

    /** One connector pull ended: outcome SUCCEEDED, FAILED or RATE_LIMITED. */
    public void pull(Network network, String outcome) {
        Counter.builder(PULLS).description("Connector pulls by network and outcome")
                .tag("network", network.name()).tag("outcome", outcome).register(registry).increment();
    }

    /** Points of one partner push. */
    public void ingested(int accepted, int duplicates, int rejected) {
        count(INGESTED, "accepted", accepted);
        count(INGESTED, "duplicate", duplicates);
        count(INGESTED, "rejected", rejected);
    }

    public void rateLimited(String scope) {
        Counter.builder(RATE_LIMITED).description("Requests refused by a rate limit").tag("scope", scope)
                .register(registry).increment();
    }

    private void count(String name, String outcome, int amount) {
        Counter counter = Counter.builder(name).description("Partner-ingested metric points by outcome").tag("outcome", outcome)
                .register(registry);
        if (amount > 0) {
            counter.increment(amount);
        }
    }

    @Scheduled(every = "${scrm.metrics.refresh:15s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRefresh() {
        return refresh().onFailure().recoverWithUni(failure -> {
            LOG.debugf("Metrics refresh skipped: %s", failure.getClass().getSimpleName());
            return Uni.createFrom().voidItem();
        });
    }

    /** Reads the lease lag and the tenant counts from the control plane. */
    public Uni<Void> refresh() {
        return pool.query(LAG_SQL).execute()
                .invoke(rows -> lagMillis.set(Math.round(rows.iterator().next().getDouble("lag") * 1000)))
                .chain(() -> pool.query("select status, count(*) as n from control.tenant group by status").execute())
                .invoke(rows -> {
                    Map<TenantStatus, Long> counts = new EnumMap<>(TenantStatus.class);
                    for (Row row : rows) {
                        try {
                            counts.put(TenantStatus.valueOf(row.getString("status")), row.getLong("n"));
                        } catch (IllegalArgumentException unknown) {
                            // a status this version does not know: not reported
                        }
                    }
                    tenants.forEach((status, value) -> value.set(counts.getOrDefault(status, 0L)));
                })
                .replaceWithVoid();
    }

    double leaseLagSeconds() {
        return lagMillis.get() / 1000.0;
    }
}
