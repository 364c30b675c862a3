package org.socialcrm.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TestTenants;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Issue 19, point 3: every tenant transaction carries a statement_timeout (reports a longer one); a statement past it
 * fails with a clean SERVICE_UNAVAILABLE, and a compiled read that failed so is not run a second time the general way.
 */
@QuarkusTest
@TestProfile(StatementTimeoutTest.ShortTimeouts.class)
class StatementTimeoutTest {

    public static class ShortTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("scrm.tenancy.statement-timeout", "500ms", "scrm.tenancy.report-statement-timeout", "2s");
        }
    }

    private static final String COMPILED_METRIC = "scrm.graphql.compiled.reads";

    @Inject
    TenantTransactions transactions;
    @Inject
    TenantDirectory directory;
    @Inject
    Pool pool;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    MeterRegistry registry;

    @Test
    void everyTenantTransactionCarriesItsStatementTimeout() {
        TenantScope lumen = scope("lumen-cosmetics");
        String setting = "select current_setting('statement_timeout')";
        assertEquals("500ms", transactions.inTenant(lumen, text(setting)).await().atMost(Duration.ofSeconds(10)));
        assertEquals("2s", transactions.report(lumen, text(setting)).await().atMost(Duration.ofSeconds(10)));
        assertEquals("500ms", transactions.readInTenant(lumen, setting, Tuple.tuple()).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getString(0));
        // transaction-local: the pooled connections keep the server's default
        for (int i = 0; i < 10; i++) {
            assertEquals("0", pool.query("show statement_timeout").execute().map(rows -> rows.iterator().next().getString(0))
                    .await().atMost(Duration.ofSeconds(10)));
        }
    }

    @Test
    void aStatementPastTheTimeoutIsCancelled() {
        TenantScope lumen = scope("lumen-cosmetics");
        PgException cancelled = assertThrows(PgException.class, () -> transactions.inTenant(lumen, c -> c.query("select pg_sleep(3)")
                .execute()).await().atMost(Duration.ofSeconds(10)));
        assertEquals("57014", cancelled.getSqlState());
        // a report may run longer than the ordinary timeout
        transactions.report(lumen, c -> c.query("select pg_sleep(1)").execute()).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void aTimedOutQueryAnswersServiceUnavailableWithoutSql() throws SQLException {
        String tenant = TestTenants.create("timeout-general");
        GraphQLClient admin = TestTenants.admin(tenant);
        JsonPath answer = whileContactsAreLocked(tenant,
                () -> admin.run("{ contacts(first: 5) @include(if: true) { totalCount edges { node { id } } } }"));
        assertEquals("SERVICE_UNAVAILABLE", GraphQLClient.errorCode(answer), answer.prettify());
        assertFalse(answer.prettify().toLowerCase().contains("statement"), answer.prettify());
        assertFalse(answer.prettify().contains("contact\""), answer.prettify());
        assertNull(answer.get("data"));
    }

    @Test
    void aCompiledReadThatTimedOutIsNotRunAgainTheGeneralWay() throws SQLException {
        String tenant = TestTenants.create("timeout-compiled");
        GraphQLClient admin = TestTenants.admin(tenant);
        admin.ok("{ contacts(first: 5) { totalCount edges { node { id } } } }");
        double fallbacks = count("fallback");
        double failures = count("failed");
        JsonPath answer = whileContactsAreLocked(tenant, () -> admin.run("{ contacts(first: 5) { totalCount edges { node { id } } } }"));
        assertEquals("SERVICE_UNAVAILABLE", GraphQLClient.errorCode(answer), answer.prettify());
        assertEquals("contacts", answer.getString("errors[0].path[0]"), answer.prettify());
        assertNull(answer.get("data"));
        assertEquals(fallbacks, count("fallback"), "the general path did not run");
        assertEquals(failures + 1, count("failed"));
        // the nullable root field is null beside the error
        JsonPath one = whileContactsAreLocked(tenant, () -> admin.run("{ contact(id: \"1\") { id displayName } }"));
        assertEquals("SERVICE_UNAVAILABLE", GraphQLClient.errorCode(one), one.prettify());
        assertNull(one.get("data.contact"));
        assertEquals(fallbacks, count("fallback"), "the general path did not run");
    }

    /** Runs the call while another transaction holds an exclusive lock on the tenant's contacts (reads wait past the timeout). */
    private JsonPath whileContactsAreLocked(String tenant, java.util.function.Supplier<JsonPath> call) throws SQLException {
        try (Connection locker = dataSource.getConnection()) {
            locker.setAutoCommit(false);
            locker.createStatement().execute("lock table " + scope(tenant).schema() + ".contact in access exclusive mode");
            try {
                return call.get();
            } finally {
                locker.rollback();
            }
        }
    }

    private double count(String outcome) {
        Counter counter = registry.find(COMPILED_METRIC).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private TenantScope scope(String slug) {
        return new TenantScope(directory.bySlug(slug).await().indefinitely().orElseThrow());
    }

    private static Function<SqlConnection, Uni<String>> text(String sql) {
        return c -> c.query(sql).execute().map(rows -> rows.iterator().next().getString(0));
    }
}
