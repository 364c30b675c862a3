package org.socialcrm.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socialcrm.connector.ConnectorScheduler;
import org.socialcrm.connector.JobLeaser;
import org.socialcrm.tenancy.TenantDirectory;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Releasing this replica's connector leases (what shutdown does), leaving other replicas' leases alone. */
@QuarkusTest
class ShutdownLeasesTest {

    @Inject
    JobLeaser leaser;
    @Inject
    ConnectorScheduler scheduler;
    @Inject
    ShutdownLeases shutdown;
    @Inject
    Pool pool;
    @Inject
    TenantDirectory directory;

    final long base = 3_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);

    @AfterEach
    void cleanUp() {
        pool.preparedQuery("delete from control.connector_job where account_id between $1 and $2")
                .execute(Tuple.of(base, base + 10)).await().indefinitely();
    }

    void leased(String slug, long account, String owner) {
        long tenantId = directory.bySlug(slug).await().indefinitely().orElseThrow().id();
        pool.preparedQuery("""
                insert into control.connector_job (tenant_id, tenant_slug, account_id, network, next_run_at, lease_owner, lease_expires_at)
                values ($1, $2, $3, 'X', now() - interval '1 minute', $4, now() + interval '5 minutes')""")
                .execute(Tuple.of(tenantId, slug, account, owner)).await().indefinitely();
    }

    Row job(long account) {
        return pool.preparedQuery("select lease_owner, lease_expires_at <= now() as expired from control.connector_job where account_id = $1")
                .execute(Tuple.of(account)).await().indefinitely().iterator().next();
    }

    @Test
    void releasesOnlyTheLeasesOfTheGivenOwner() {
        String me = "ops-test-" + base;
        leased("lumen-cosmetics", base, me);
        leased("greenway-2026", base + 1, me);
        leased("acme-outdoor", base + 2, "another-replica-" + base);

        assertEquals(2, leaser.releaseAll(me).await().atMost(Duration.ofSeconds(10)));
        assertNull(job(base).getString("lease_owner"));
        assertTrue(job(base).getBoolean("expired"), "released jobs are leasable at once");
        assertNull(job(base + 1).getString("lease_owner"));
        assertEquals("another-replica-" + base, job(base + 2).getString("lease_owner"), "other replicas keep theirs");
        assertTrue(!job(base + 2).getBoolean("expired"));
        assertEquals(0, leaser.releaseAll(me).await().atMost(Duration.ofSeconds(10)), "nothing left to release");
    }

    @Test
    void theShutdownObserverReleasesThisReplicasLeases() {
        assertNotNull(scheduler.owner());
        leased("bluepeak-coffee", base + 3, scheduler.owner());
        leased("bluepeak-coffee", base + 4, "someone-else-" + base);
        shutdown.onShutdown(null);
        assertNull(job(base + 3).getString("lease_owner"));
        assertEquals("someone-else-" + base, job(base + 4).getString("lease_owner"));
    }
}
