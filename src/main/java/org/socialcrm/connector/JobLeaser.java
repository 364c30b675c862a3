package org.socialcrm.connector;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.Network;
import org.socialcrm.tenancy.TenantScope;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The control-plane job table {@code control.connector_job}: one row per connected account, leased by replicas.
 * A lease is a short transaction: due, unleased (or lease-expired) rows are ranked round-robin across tenants
 * ({@code row_number() over (partition by tenant_id order by next_run_at)}), then locked with
 * {@code for update skip locked} and stamped with this replica's name and a lease expiry. Two replicas leasing at
 * once get disjoint jobs; a crashed replica's jobs come back when their lease expires.
 */
@ApplicationScoped
public class JobLeaser {

    static final String LEASE = """
            with ranked as (
                select tenant_id, account_id, next_run_at,
                       row_number() over (partition by tenant_id order by next_run_at, account_id) as turn
                from control.connector_job
                where status = 'ACTIVE' and next_run_at <= now()
                  and (lease_expires_at is null or lease_expires_at < now())
                  and network <> all($4::text[])
            ), picked as (
                select j.tenant_id, j.account_id
                from control.connector_job j
                join (select * from ranked order by turn, next_run_at, tenant_id limit $1 * 4) r
                  on r.tenant_id = j.tenant_id and r.account_id = j.account_id
                where j.status = 'ACTIVE' and j.next_run_at <= now()
                  and (j.lease_expires_at is null or j.lease_expires_at < now())
                order by r.turn, r.next_run_at, r.tenant_id
                limit $1
                for update of j skip locked
            )
            update control.connector_job j
               set lease_owner = $2, lease_expires_at = now() + make_interval(secs => $3), updated_at = now()
              from picked p
             where j.tenant_id = p.tenant_id and j.account_id = p.account_id
            returning j.tenant_id, j.tenant_slug, j.account_id, j.network""";

    private final Pool pool;
    private final ConnectorConfig config;

    public JobLeaser(Pool pool, ConnectorConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** Leases up to {@code limit} due jobs for {@code owner}, skipping networks whose request budget is spent. */
    public Uni<List<LeasedJob>> lease(String owner, int limit, Collection<Network> skipNetworks) {
        if (limit <= 0) {
            return Uni.createFrom().item(List.of());
        }
        String[] skip = skipNetworks.stream().map(Enum::name).toArray(String[]::new);
        return pool.withTransaction(connection -> connection.preparedQuery(LEASE)
                .execute(Tuple.of(limit, owner, (double) config.scheduler().lease().toSeconds(), skip)))
                .map(rows -> {
                    List<LeasedJob> jobs = new ArrayList<>();
                    for (Row row : rows) {
                        jobs.add(new LeasedJob(row.getLong("tenant_id"), row.getString("tenant_slug"), row.getLong("account_id"),
                                Network.valueOf(row.getString("network"))));
                    }
                    return jobs;
                });
    }

    /**
     * Leases one account's job for syncNow, in the caller's transaction; false when another pull holds it. Creates
     * the job if it is missing.
     */
    public Uni<Boolean> leaseOne(SqlClient connection, TenantScope scope, long accountId, Network network, String owner) {
        return connection.preparedQuery("""
                insert into control.connector_job (tenant_id, tenant_slug, account_id, network, lease_owner, lease_expires_at)
                values ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))
                on conflict (tenant_id, account_id) do update
                   set lease_owner = excluded.lease_owner, lease_expires_at = excluded.lease_expires_at, updated_at = now()
                 where connector_job.lease_expires_at is null or connector_job.lease_expires_at < now()
                returning account_id""")
                .execute(Tuple.of(scope.tenant().id(), scope.slug(), accountId, network.name()).addString(owner)
                        .addDouble((double) config.scheduler().lease().toSeconds()))
                .map(rows -> rows.size() == 1);
    }

    /** Schedules a (re)connected account for an immediate pull. */
    public Uni<Void> schedule(SqlClient connection, TenantScope scope, long accountId, Network network) {
        return connection.preparedQuery("""
                insert into control.connector_job (tenant_id, tenant_slug, account_id, network, status, next_run_at)
                values ($1, $2, $3, $4, 'ACTIVE', now())
                on conflict (tenant_id, account_id) do update
                   set status = 'ACTIVE', next_run_at = now(), network = excluded.network, updated_at = now()""")
                .execute(Tuple.of(scope.tenant().id(), scope.slug(), accountId, network.name())).replaceWithVoid();
    }

    /**
     * Ends a lease after a pull: next run after the interval (account's own, else the tenant's
     * settings.connectors.syncIntervalSeconds, else the default) plus jitter. Returns the next run time (null when
     * the job is gone).
     */
    public Uni<OffsetDateTime> finishAfterInterval(SqlClient connection, TenantScope scope, long accountId, Integer accountInterval) {
        return connection.preparedQuery("""
                update control.connector_job j
                   set next_run_at = now() + make_interval(secs => (coalesce($3::int,
                           (select case when (t.settings #>> '{connectors,syncIntervalSeconds}') ~ '^[0-9]{1,9}$'
                                        then (t.settings #>> '{connectors,syncIntervalSeconds}')::int end
                              from control.tenant t where t.id = j.tenant_id),
                           $4::int) + floor(random() * ($5::int + 1)))::double precision),
                       lease_owner = null, lease_expires_at = null, last_run_at = now(), status = 'ACTIVE', updated_at = now()
                 where tenant_id = $1 and account_id = $2
                returning next_run_at""")
                .execute(Tuple.of(scope.tenant().id(), accountId, accountInterval,
                        (int) config.scheduler().defaultInterval().toSeconds(), (int) config.scheduler().jitter().toSeconds()))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getOffsetDateTime("next_run_at"));
    }

    /** Ends a lease with an explicit next run (rate limit reset, failure backoff). */
    public Uni<OffsetDateTime> finishAt(SqlClient connection, TenantScope scope, long accountId, OffsetDateTime nextRun) {
        return connection.preparedQuery("""
                update control.connector_job
                   set next_run_at = $3, lease_owner = null, lease_expires_at = null, last_run_at = now(), updated_at = now()
                 where tenant_id = $1 and account_id = $2
                returning next_run_at""")
                .execute(Tuple.of(scope.tenant().id(), accountId, nextRun))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getOffsetDateTime("next_run_at"));
    }

    /** Stops an account's pulls (needs re-authorization, paused); reconnecting schedules it again. */
    public Uni<Void> stop(SqlClient connection, long tenantId, long accountId) {
        return connection.preparedQuery("""
                update control.connector_job set status = 'STOPPED', lease_owner = null, lease_expires_at = null, updated_at = now()
                 where tenant_id = $1 and account_id = $2""")
                .execute(Tuple.of(tenantId, accountId)).replaceWithVoid();
    }

    public Uni<Void> delete(SqlClient connection, long tenantId, long accountId) {
        return connection.preparedQuery("delete from control.connector_job where tenant_id = $1 and account_id = $2")
                .execute(Tuple.of(tenantId, accountId)).replaceWithVoid();
    }

    /** Gives a leased job back unrun, to be picked up again after {@code delay} (budget spent, tenant unavailable). */
    public Uni<Void> postpone(LeasedJob job, Duration delay) {
        return pool.preparedQuery("""
                update control.connector_job
                   set next_run_at = now() + make_interval(secs => $3), lease_owner = null, lease_expires_at = null, updated_at = now()
                 where tenant_id = $1 and account_id = $2""")
                .execute(Tuple.of(job.tenantId(), job.accountId(), (double) delay.toSeconds())).replaceWithVoid();
    }

    /** Forgets a job whose tenant or account no longer exists. */
    public Uni<Void> forget(LeasedJob job) {
        return delete(pool, job.tenantId(), job.accountId());
    }

    /**
     * Gives back every lease {@code owner} holds (at shutdown), so other replicas pick the jobs up at once instead of
     * after the lease expires. Returns how many were released.
     */
    public Uni<Integer> releaseAll(String owner) {
        return pool.preparedQuery("""
                update control.connector_job set lease_owner = null, lease_expires_at = now(), updated_at = now()
                 where lease_owner = $1""")
                .execute(Tuple.of(owner)).map(rows -> rows.rowCount());
    }

    Pool pool() {
        return pool;
    }
}
