package org.socialcrm.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialcrm.common.Network;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.Tokens;
import org.socialcrm.tenancy.TenantDirectory;
import org.socialcrm.tenancy.TenantScope;
import org.socialcrm.tenancy.TenantTransactions;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Leasing against the real control plane: concurrent leasers, fairness across tenants, lease expiry, a full tick. */
@QuarkusTest
class JobLeaserTest {

    @Inject
    JobLeaser leaser;
    @Inject
    ConnectorScheduler scheduler;
    @Inject
    Pool pool;
    @Inject
    TenantDirectory directory;
    @Inject
    TenantTransactions transactions;

    final List<long[]> parked = new ArrayList<>();
    long base;

    /** Other due jobs of the shared database are parked, so each test sees only its own. */
    @BeforeEach
    void park() {
        base = 2_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
        pool.preparedQuery("""
                update control.connector_job set lease_owner = 'parked-by-test', lease_expires_at = now() + interval '1 hour'
                 where lease_expires_at is null or lease_expires_at < now() returning tenant_id, account_id""")
                .execute().await().indefinitely()
                .forEach(row -> parked.add(new long[] { row.getLong(0), row.getLong(1) }));
    }

    @AfterEach
    void unpark() {
        pool.preparedQuery("delete from control.connector_job where account_id >= 2000000000").execute().await().indefinitely();
        for (long[] job : parked) {
            pool.preparedQuery("update control.connector_job set lease_owner = null, lease_expires_at = null "
                    + "where tenant_id = $1 and account_id = $2 and lease_owner = 'parked-by-test'")
                    .execute(Tuple.of(job[0], job[1])).await().indefinitely();
        }
        parked.clear();
    }

    TenantScope scope(String slug) {
        return ConnectorFixtures.scope(directory, slug);
    }

    void jobs(String slug, long from, int count, String dueAgo) {
        TenantScope scope = scope(slug);
        pool.preparedQuery("""
                insert into control.connector_job (tenant_id, tenant_slug, account_id, network, next_run_at)
                select $1, $2, g, 'BLUESKY', now() - $5::text::interval from generate_series($3::bigint, $4::bigint) g""")
                .execute(Tuple.of(scope.tenant().id(), slug, from, from + count - 1, dueAgo)).await().indefinitely();
    }

    static Set<Long> accounts(List<LeasedJob> jobs) {
        return jobs.stream().map(LeasedJob::accountId).collect(Collectors.toSet());
    }

    @Test
    void concurrentLeasersNeverTakeTheSameJob() {
        for (int round = 0; round < 5; round++) {
            long from = base + round * 1000L;
            jobs("lumen-cosmetics", from, 60, "1 minute");
            List<Uni<List<LeasedJob>>> racers = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                racers.add(leaser.lease("racer-" + r, 25, Set.of()));
            }
            List<List<LeasedJob>> results = Uni.join().all(racers).andFailFast().await().indefinitely();
            Set<Long> union = new HashSet<>();
            int total = 0;
            for (List<LeasedJob> leased : results) {
                total += leased.size();
                union.addAll(accounts(leased));
            }
            assertEquals(total, union.size(), "no job leased twice in round " + round);
            assertEquals(60, union.size(), "every due job leased once");
            Map<Long, String> owners = new java.util.HashMap<>();
            pool.preparedQuery("select account_id, lease_owner from control.connector_job where account_id between $1 and $2")
                    .execute(Tuple.of(from, from + 59)).await().indefinitely()
                    .forEach(row -> owners.put(row.getLong(0), row.getString(1)));
            for (int r = 0; r < results.size(); r++) {
                for (LeasedJob job : results.get(r)) {
                    assertEquals("racer-" + r, owners.get(job.accountId()));
                }
            }
            assertTrue(leaser.lease("late", 100, Set.of()).await().indefinitely().isEmpty(), "leased jobs are not leased again");
        }
    }

    @Test
    void leasesAreFairAcrossTenants() {
        jobs("lumen-cosmetics", base, 30, "2 hours");
        jobs("greenway-2026", base + 100, 3, "1 minute");
        List<LeasedJob> leased = leaser.lease("fair", 6, Set.of()).await().indefinitely();
        assertEquals(6, leased.size());
        assertEquals(3, leased.stream().filter(j -> j.tenantSlug().equals("greenway-2026")).count(),
                "the tenant with 3 accounts is not starved by the one with 30");
        assertTrue(leaser.lease("budget", 10, Set.of(Network.BLUESKY)).await().indefinitely().isEmpty(),
                "networks whose budget is spent are skipped");
    }

    @Test
    void expiredLeasesAreTakenOver() {
        TenantScope scope = scope("acme-outdoor");
        pool.preparedQuery("""
                insert into control.connector_job (tenant_id, tenant_slug, account_id, network, next_run_at, lease_owner, lease_expires_at)
                values ($1, 'acme-outdoor', $2, 'X', now() - interval '10 minutes', 'crashed-replica', now() - interval '1 second'),
                       ($1, 'acme-outdoor', $3, 'X', now() - interval '10 minutes', 'live-replica', now() + interval '5 minutes')""")
                .execute(Tuple.of(scope.tenant().id(), base, base + 1)).await().indefinitely();
        List<LeasedJob> leased = leaser.lease("survivor", 10, Set.of()).await().indefinitely();
        assertEquals(Set.of(base), accounts(leased));
        Row row = pool.preparedQuery("select lease_owner, lease_expires_at from control.connector_job where account_id = $1")
                .execute(Tuple.of(base)).await().indefinitely().iterator().next();
        assertEquals("survivor", row.getString("lease_owner"));
        assertTrue(row.getOffsetDateTime("lease_expires_at").isAfter(OffsetDateTime.now()));
    }

    @Test
    void aTickPullsDueAccountsAndHonoursTheTenantInterval() {
        TenantScope lumen = scope("lumen-cosmetics");
        String handle = ConnectorFixtures.unique("tick") + ".bsky.social";
        long identity = ConnectorFixtures.identity(transactions, lumen, Network.BLUESKY, handle, null);
        NetworkStubs.server().stubFor(get(urlPathEqualTo("/bsky/xrpc/app.bsky.actor.getProfile")).withQueryParam("actor", equalTo(handle))
                .willReturn(okJson("{\"did\":\"did:plc:t\",\"handle\":\"" + handle + "\",\"followersCount\":5,\"followsCount\":6,\"postsCount\":7}")));
        GraphQLClient admin = GraphQLClient.as(Tokens.tenantUser("lumen-cosmetics", "crm-admin")).tenant("lumen-cosmetics");
        String account = admin.ok(ConnectorPullTest.CONNECT, Map.of("input", Map.of("network", "BLUESKY", "identityId",
                String.valueOf(identity), "accessToken", "bsky-tick"))).getString("data.connectSocialAccount.id");
        jobs("greenway-2026", base, 1, "1 minute"); // a job whose account does not exist: forgotten, nothing else blocked

        pool.preparedQuery("update control.tenant set settings = jsonb_set(settings, '{connectors}', '{\"syncIntervalSeconds\": 600}') "
                + "where slug = 'lumen-cosmetics'").execute().await().indefinitely();
        try {
            List<SyncRun> runs = scheduler.runDue().await().indefinitely();
            assertEquals(1, runs.size());
            assertEquals(account, runs.get(0).account().id());
            assertEquals(SyncStatus.SUCCEEDED, runs.get(0).status());
            Row job = pool.preparedQuery("select next_run_at, lease_owner from control.connector_job where account_id = $1 and tenant_id = $2")
                    .execute(Tuple.of(Long.parseLong(account), lumen.tenant().id())).await().indefinitely().iterator().next();
            assertEquals(null, job.getString("lease_owner"));
            long inSeconds = job.getOffsetDateTime("next_run_at").toEpochSecond() - OffsetDateTime.now().toEpochSecond();
            assertTrue(inSeconds > 590 && inSeconds <= 600, "tenant interval override applies: " + inSeconds);
            assertEquals(0L, pool.preparedQuery("select count(*) from control.connector_job where account_id = $1")
                    .execute(Tuple.of(base)).await().indefinitely().iterator().next().getLong(0));
            assertEquals(0, scheduler.inFlight());
        } finally {
            pool.preparedQuery("update control.tenant set settings = settings - 'connectors' where slug = 'lumen-cosmetics'")
                    .execute().await().indefinitely();
        }
    }

    /** A backlog larger than the free slots drains in one tick: the scheduler leases again while leases come back full. */
    @Test
    void aTickDrainsABacklogLargerThanItsFreeSlots() {
        TenantScope lumen = scope("lumen-cosmetics");
        String prefix = "drain" + ConnectorFixtures.unique("") + "-";
        NetworkStubs.server().stubFor(get(urlPathEqualTo("/bsky/xrpc/app.bsky.actor.getProfile"))
                .withQueryParam("actor", com.github.tomakehurst.wiremock.client.WireMock.matching(prefix + ".*"))
                .willReturn(okJson("{\"did\":\"did:plc:d\",\"handle\":\"h\",\"followersCount\":1,\"followsCount\":2,\"postsCount\":3}")));
        GraphQLClient admin = GraphQLClient.as(Tokens.tenantUser("lumen-cosmetics", "crm-admin")).tenant("lumen-cosmetics");
        Set<String> connected = new HashSet<>();
        int backlog = 20; // free slots per lease in tests: min(batch-size 20, max-concurrency 8) = 8
        for (int i = 0; i < backlog; i++) {
            long identity = ConnectorFixtures.identity(transactions, lumen, Network.BLUESKY, prefix + i + ".bsky.social", null);
            connected.add(admin.ok(ConnectorPullTest.CONNECT, Map.of("input", Map.of("network", "BLUESKY", "identityId",
                    String.valueOf(identity), "accessToken", "bsky-drain"))).getString("data.connectSocialAccount.id"));
        }
        List<SyncRun> runs = scheduler.runDue().await().indefinitely();
        Set<String> pulled = runs.stream().filter(run -> run.status() == SyncStatus.SUCCEEDED).map(run -> run.account().id())
                .collect(Collectors.toSet());
        assertEquals(connected, pulled, "every due account pulled by one runDue");
        assertEquals(0, scheduler.inFlight());
    }
}
