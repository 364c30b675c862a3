package org.socialcrm.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.PoolOptions;

@QuarkusTest
class TenantTransactionsTest {

    @Inject
    TenantTransactions transactions;
    @Inject
    TenantDirectory directory;
    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String databaseUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> databaseUser;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> databasePassword;

    @Test
    void tenantWorkWithoutATenantFailsBeforeTouchingAnySchema() {
        AtomicBoolean ran = new AtomicBoolean();
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> transactions.inTenant(null, connection -> {
                    ran.set(true);
                    return Uni.createFrom().item(1);
                }).await().atMost(Duration.ofSeconds(10)));
        assertFalse(ran.get());
        assertEquals("Tenant work attempted without a resolved tenant", failure.getMessage());
        assertThrows(IllegalStateException.class, () -> new TenantScope(null));
    }

    @Test
    void searchPathIsTransactionLocal() {
        TenantScope lumen = new TenantScope(directory.bySlug("lumen-cosmetics").await().indefinitely().orElseThrow());
        String inside = transactions.inTenant(lumen, c -> c.query("show search_path").execute()
                .map(rows -> rows.iterator().next().getString(0))).await().indefinitely();
        assertEquals("t_lumen_cosmetics", inside);
        // every pooled connection is back on the default path afterwards
        for (int i = 0; i < 25; i++) {
            String outside = pool.query("show search_path").execute().map(rows -> rows.iterator().next().getString(0))
                    .await().indefinitely();
            assertEquals(DatabasePoolCreator.NO_TENANT_PATH, outside);
        }
    }

    @Test
    void aStatementOutsideATenantTransactionFindsNoTenantTable() {
        PgException failure = assertThrows(PgException.class,
                () -> pool.query("select count(*) from contact").execute().await().atMost(Duration.ofSeconds(10)));
        assertEquals("42P01", failure.getSqlState());
    }

    /**
     * The statement's search_path, and a tenant table resolved through it (42P01 without the tenant's path). It reads no
     * tenant rows: on Citus a statement reading a tenant table runs whole on the tenant's worker, whose
     * current_setting('search_path') is the worker's own, while names are resolved on the coordinator
     * (docs/scale-out.md, rule 10). So the same assertion holds on PostgreSQL and on Citus.
     */
    static final String PATH_AND_TENANT_TABLE = "select current_setting('search_path'), 'contact'::regclass::oid";

    @Test
    void aReadSendsBeginSearchPathStatementAndCommitBeforeWaitingForAnyAnswer() throws IOException {
        throughAnswerDelayingProxy((proxy, proxiedTransactions) -> {
            String sql = DatabasePoolCreator.CACHED + PATH_AND_TENANT_TABLE;
            // the first use prepares the cached statements on the pool's one connection
            proxiedTransactions.readInTenant(lumen(), sql, Tuple.tuple()).await().atMost(Duration.ofSeconds(10));
            proxy.reset();
            String path = proxiedTransactions.readInTenant(lumen(), sql, Tuple.tuple()).await().atMost(Duration.ofSeconds(10))
                    .iterator().next().getString(0);
            assertEquals("t_lumen_cosmetics", path);
            String sent = proxy.sentBeforeFirstAnswer();
            assertTrue(sent.contains("BEGIN") && sent.contains("t_lumen_cosmetics") && sent.contains("COMMIT"), printable(sent));
        });
    }

    @Test
    void tenantWorkSendsBeginSearchPathAndItsFirstStatementBeforeWaitingForAnyAnswer() throws IOException {
        throughAnswerDelayingProxy((proxy, proxiedTransactions) -> {
            proxiedTransactions.inTenant(lumen(), c -> c.query("select 1").execute()).await().atMost(Duration.ofSeconds(10));
            proxy.reset();
            String path = proxiedTransactions.inTenant(lumen(), c -> c.query(PATH_AND_TENANT_TABLE)
                    .execute().map(rows -> rows.iterator().next().getString(0))).await().atMost(Duration.ofSeconds(10));
            assertEquals("t_lumen_cosmetics", path);
            String sent = proxy.sentBeforeFirstAnswer();
            assertTrue(sent.contains("BEGIN") && sent.contains("t_lumen_cosmetics") && sent.contains("select current_setting"), printable(sent));
            // COMMIT waits for the work's answer
            assertFalse(sent.contains("COMMIT"), printable(sent));
        });
    }

    @Test
    void failedTenantWorkLeavesItsConnectionOutsideAnyTransaction() {
        Pool single = singleConnectionPool(databaseOptions());
        try {
            TenantTransactions singleTransactions = new TenantTransactions(single, Duration.ofSeconds(5), Duration.ofSeconds(30));
            String failing = DatabasePoolCreator.CACHED + "select 1 / (count(*) - count(*)) from contact";
            assertThrows(PgException.class, () -> singleTransactions.readInTenant(lumen(), failing, Tuple.tuple())
                    .await().atMost(Duration.ofSeconds(10)));
            assertOutsideAnyTransaction(single);
            assertThrows(PgException.class, () -> singleTransactions.inTenant(lumen(), c -> c.query("select 1 / 0").execute())
                    .await().atMost(Duration.ofSeconds(10)));
            assertOutsideAnyTransaction(single);
            assertThrows(IllegalArgumentException.class, () -> singleTransactions.inTenant(lumen(), c -> c.query("select 1").execute()
                    .chain(() -> Uni.createFrom().failure(new IllegalArgumentException("refused")))).await().atMost(Duration.ofSeconds(10)));
            assertOutsideAnyTransaction(single);
            // work that throws instead of failing: on a one-connection pool a connection not given back would time out here
            assertThrows(IllegalArgumentException.class, () -> singleTransactions.inTenant(lumen(), c -> {
                throw new IllegalArgumentException("thrown");
            }).await().atMost(Duration.ofSeconds(10)));
            assertOutsideAnyTransaction(single);
        } finally {
            single.closeAndAwait();
        }
    }

    /** An open (or aborted) transaction would answer with the tenant's path (or an error). */
    private static void assertOutsideAnyTransaction(Pool single) {
        String path = single.query("show search_path").execute().map(rows -> rows.iterator().next().getString(0))
                .await().atMost(Duration.ofSeconds(10));
        assertEquals(DatabasePoolCreator.NO_TENANT_PATH, path);
    }

    interface ProxiedWork {
        void run(AnswerDelayingProxy proxy, TenantTransactions proxiedTransactions);
    }

    /** Transactions over a one-connection pool whose connection goes through an {@link AnswerDelayingProxy}. */
    private void throughAnswerDelayingProxy(ProxiedWork work) throws IOException {
        PgConnectOptions database = databaseOptions();
        try (AnswerDelayingProxy proxy = new AnswerDelayingProxy(database.getHost(), database.getPort())) {
            Pool proxied = singleConnectionPool(new PgConnectOptions(database).setHost("127.0.0.1").setPort(proxy.port()));
            try {
                work.run(proxy, new TenantTransactions(proxied, Duration.ofSeconds(5), Duration.ofSeconds(30)));
            } finally {
                proxied.closeAndAwait();
            }
        }
    }

    private TenantScope lumen() {
        return new TenantScope(directory.bySlug("lumen-cosmetics").await().indefinitely().orElseThrow());
    }

    private PgConnectOptions databaseOptions() {
        PgConnectOptions options = PgConnectOptions.fromUri(databaseUrl);
        databaseUser.ifPresent(options::setUser);
        databasePassword.ifPresent(options::setPassword);
        return options;
    }

    @SuppressWarnings("deprecation")
    private Pool singleConnectionPool(PgConnectOptions options) {
        return PgPool.pool(vertx, DatabasePoolCreator.configure(options, Duration.ofSeconds(3)), new PoolOptions().setMaxSize(1));
    }

    private static String printable(String protocol) {
        return protocol.replaceAll("[^\\x20-\\x7e]", ".");
    }
}
