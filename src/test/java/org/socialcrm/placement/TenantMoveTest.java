package org.socialcrm.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TestTenants;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Moves a tenant to the other worker while it is written and read through the API (Citus variant only:
 * {@code -Dscrm.test.db=citus}). Every request succeeds (writes wait out the move's final lock instead of failing), no
 * request waits longer than the move took, and every contact written before, during and after is there exactly once.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "scrm.test.db", matches = "citus")
class TenantMoveTest {

    static final String CREATE = "mutation($i: ContactInput!) { createContact(input: $i) { id } }";
    static final String COUNT = "{ contacts(first: 1) { totalCount } }";

    @Inject
    AgroalDataSource dataSource;

    record Outcome(String email, boolean ok, long startedNanos, long tookNanos, String error) {
    }

    @Test
    void aTenantMovesWhileItIsReadAndWrittenAndLosesNothing() throws Exception {
        String slug = TestTenants.create("moving");
        GraphQLClient admin = TestTenants.admin(slug);
        String from = TenantPlacementTest.platformAdmin().ok(TenantPlacementTest.PLACEMENT, Map.of("s", slug))
                .getString("data.tenantPlacement.node");
        String to = otherWorker(from);

        AtomicBoolean running = new AtomicBoolean(true);
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> load = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int writer = w;
            load.add(pool.submit(() -> {
                for (int i = 0; running.get(); i++) {
                    String email = "w" + writer + "-" + i + "@move.test";
                    outcomes.add(timed(email, () -> admin.run(CREATE, Map.of("i", Map.of("firstName", "Mover", "email", email)))));
                }
            }));
        }
        load.add(pool.submit(() -> {
            while (running.get()) {
                outcomes.add(timed(null, () -> admin.run(COUNT)));
            }
        }));
        Thread.sleep(1500);
        long moveStarted = System.nanoTime();
        JsonPath moved = TenantPlacementTest.move(slug, to);
        long moveTook = System.nanoTime() - moveStarted;
        Thread.sleep(1500);
        running.set(false);
        for (Future<?> f : load) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertEquals(to, moved.getString("data.moveTenant.node"));
        assertEquals(to, TenantPlacementTest.platformAdmin().ok(TenantPlacementTest.PLACEMENT, Map.of("s", slug))
                .getString("data.tenantPlacement.node"));
        List<Outcome> failed = outcomes.stream().filter(o -> !o.ok()).toList();
        assertTrue(failed.isEmpty(), failed.size() + " of " + outcomes.size() + " requests failed, e.g. " + failed.get(0));
        long during = outcomes.stream().filter(o -> o.startedNanos() >= moveStarted && o.startedNanos() <= moveStarted + moveTook).count();
        assertTrue(during > 0, "no request ran during the move");
        long slowest = outcomes.stream().mapToLong(Outcome::tookNanos).max().orElseThrow();
        assertTrue(slowest <= moveTook, "a request waited " + slowest / 1_000_000 + " ms, longer than the move (" + moveTook / 1_000_000 + " ms)");

        Set<String> written = new HashSet<>();
        outcomes.stream().filter(o -> o.email() != null).forEach(o -> written.add(o.email()));
        String schema = "t_" + slug.replace('-', '_');
        List<String> stored = strings("select email from " + schema + ".contact where email like '%@move.test'");
        assertEquals(written.size(), stored.size(), "a row was lost or duplicated");
        assertEquals(written, new HashSet<>(stored));
        assertEquals(written.size(), admin.ok(COUNT).getInt("data.contacts.totalCount"));
        System.out.printf("moveTenant: %d ms; %d requests, %d during the move, slowest %d ms%n", moveTook / 1_000_000,
                outcomes.size(), during, slowest / 1_000_000);
    }

    @Test
    void anotherTenantsDataStaysOutOfReachAfterAMove() throws Exception {
        String mine = TestTenants.create("moved-mine");
        String theirs = TestTenants.create("moved-theirs");
        TestTenants.admin(theirs).ok(CREATE, Map.of("i", Map.of("firstName", "Theirs", "email", "theirs@move.test")));
        String from = TenantPlacementTest.platformAdmin().ok(TenantPlacementTest.PLACEMENT, Map.of("s", theirs))
                .getString("data.tenantPlacement.node");
        TenantPlacementTest.move(theirs, otherWorker(from));
        assertEquals(0, TestTenants.admin(mine).ok(COUNT).getInt("data.contacts.totalCount"));
        JsonPath foreign = GraphQLClient.as(org.socialcrm.support.Tokens.tenantUser(mine, "crm-admin")).tenant(theirs).run(COUNT);
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(foreign));
        assertEquals(1, TestTenants.admin(theirs).ok(COUNT).getInt("data.contacts.totalCount"));
    }

    private static Outcome timed(String email, java.util.function.Supplier<JsonPath> request) {
        long started = System.nanoTime();
        try {
            JsonPath json = request.get();
            List<Object> errors = json.getList("errors");
            return new Outcome(email, errors == null || errors.isEmpty(), started, System.nanoTime() - started,
                    errors == null || errors.isEmpty() ? null : json.getString("errors[0].extensions.code"));
        } catch (RuntimeException e) {
            return new Outcome(email, false, started, System.nanoTime() - started, e.toString());
        }
    }

    private String otherWorker(String current) throws SQLException {
        return strings("select nodename || ':' || nodeport from pg_dist_node where groupid <> 0 and isactive order by 1").stream()
                .filter(n -> !n.equals(current)).findFirst().orElseThrow();
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
