package org.socialcrm.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
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
 * {@code -Dscrm.test.db=citus}). Writes wait out the move's final lock instead of failing: a client may see failures only
 * during the move and for no longer than the longest write wait (the lock), no request waits longer than the move took,
 * every acknowledged contact is stored exactly once under the id the API returned, and the reader's count never goes
 * back. It prints the longest failure window and write wait it saw.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "scrm.test.db", matches = "citus")
class TenantMoveTest {

    static final String CREATE = "mutation($i: ContactInput!) { createContact(input: $i) { id } }";
    static final String COUNT = "{ contacts(first: 1) { totalCount } }";
    static final int WRITERS = 2;
    static final int READER = WRITERS;

    @Inject
    AgroalDataSource dataSource;

    /** One request of one client: what it wrote (email, returned id) or read (count), when, how long, how it failed. */
    record Outcome(int client, String email, String id, int count, boolean ok, long startedNanos, long tookNanos, String error) {

        long endedNanos() {
            return startedNanos + tookNanos;
        }
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
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            load.add(pool.submit(() -> {
                for (int i = 0; running.get(); i++) {
                    String email = "w" + writer + "-" + i + "@move.test";
                    outcomes.add(timed(writer, email, () -> admin.run(CREATE, Map.of("i", Map.of("firstName", "Mover", "email", email)))));
                }
            }));
        }
        load.add(pool.submit(() -> {
            while (running.get()) {
                outcomes.add(timed(READER, null, () -> admin.run(COUNT)));
            }
        }));
        Thread.sleep(1500);
        long moveStarted = System.nanoTime();
        JsonPath moved = TenantPlacementTest.move(slug, to);
        long moveEnded = System.nanoTime();
        Thread.sleep(1500);
        running.set(false);
        for (Future<?> f : load) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertEquals(to, moved.getString("data.moveTenant.node"), moved.prettify());
        assertEquals(to, TenantPlacementTest.platformAdmin().ok(TenantPlacementTest.PLACEMENT, Map.of("s", slug))
                .getString("data.tenantPlacement.node"));
        long moveTook = moveEnded - moveStarted;
        long during = outcomes.stream().filter(o -> o.startedNanos() < moveEnded && o.endedNanos() > moveStarted).count();
        assertTrue(during > 0, "no request ran during the move");

        // Writes wait out the move's lock (the final catch-up and the metadata switch): the longest a write waited is
        // the lock as the clients saw it. A client may see failures only inside the move and for no longer than that.
        long lock = outcomes.stream().filter(o -> o.email() != null && o.ok()).mapToLong(Outcome::tookNanos).max().orElseThrow();
        long longestFailure = longestFailureWindow(outcomes);
        List<Outcome> failed = outcomes.stream().filter(o -> !o.ok()).toList();
        assertTrue(failed.stream().allMatch(o -> o.startedNanos() < moveEnded && o.endedNanos() > moveStarted),
                "a request failed outside the move: " + failed);
        assertTrue(longestFailure <= lock, "requests failed for " + ms(longestFailure) + " ms, longer than the move's lock ("
                + ms(lock) + " ms): " + failed);
        long slowest = outcomes.stream().mapToLong(Outcome::tookNanos).max().orElseThrow();
        assertTrue(slowest <= moveTook, "a request waited " + ms(slowest) + " ms, longer than the move (" + ms(moveTook) + " ms)");

        // No row lost or duplicated: every acknowledged contact is stored once, under the id the API returned; nothing
        // is stored that was not written; a reader never sees the count go back (no read from a stale copy).
        Map<String, String> acknowledged = new HashMap<>();
        outcomes.stream().filter(o -> o.email() != null && o.ok()).forEach(o -> acknowledged.put(o.email(), o.id()));
        Set<String> attempted = new HashSet<>();
        outcomes.stream().filter(o -> o.email() != null).forEach(o -> attempted.add(o.email()));
        String schema = "t_" + slug.replace('-', '_');
        List<String[]> stored = rows("select email, id::text from " + schema + ".contact where email like '%@move.test'");
        Map<String, String> storedIds = new HashMap<>();
        stored.forEach(r -> assertNull(storedIds.put(r[0], r[1]), "stored twice: " + r[0]));
        assertTrue(attempted.containsAll(storedIds.keySet()), "a contact nobody wrote was stored");
        acknowledged.forEach((email, id) -> assertEquals(id, storedIds.get(email), "acknowledged contact " + email + " lost or changed"));
        assertTrue(acknowledged.size() > 20, "too few writes to prove anything: " + acknowledged.size());
        assertEquals(stored.size(), admin.ok(COUNT).getInt("data.contacts.totalCount"));
        int seen = 0;
        for (Outcome read : outcomes.stream().filter(o -> o.client() == READER && o.ok())
                .sorted(Comparator.comparingLong(Outcome::startedNanos)).toList()) {
            assertTrue(read.count() >= seen, "the reader saw " + read.count() + " contacts after " + seen);
            seen = read.count();
        }
        System.out.printf("moveTenant %s -> %s: %d ms; %d requests (%d during the move), %d failed, longest failure window"
                + " %d ms, longest write wait (the lock as clients saw it) %d ms, slowest request %d ms; %d contacts acknowledged,"
                + " %d stored%n", from, to, ms(moveTook), outcomes.size(), during, failed.size(), ms(longestFailure), ms(lock),
                ms(slowest), acknowledged.size(), stored.size());
    }

    /** The longest time one client saw only failures: from the start of a run of failed requests to the end of its last. */
    static long longestFailureWindow(List<Outcome> outcomes) {
        long longest = 0;
        for (int client = 0; client <= READER; client++) {
            int c = client;
            long runStart = -1;
            for (Outcome o : outcomes.stream().filter(x -> x.client() == c).sorted(Comparator.comparingLong(Outcome::startedNanos)).toList()) {
                if (o.ok()) {
                    runStart = -1;
                } else {
                    runStart = runStart < 0 ? o.startedNanos() : runStart;
                    longest = Math.max(longest, o.endedNanos() - runStart);
                }
            }
        }
        return longest;
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
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

    private static Outcome timed(int client, String email, java.util.function.Supplier<JsonPath> request) {
        long started = System.nanoTime();
        try {
            JsonPath json = request.get();
            long took = System.nanoTime() - started;
            List<Object> errors = json.getList("errors");
            if (errors != null && !errors.isEmpty()) {
                return new Outcome(client, email, null, -1, false, started, took, json.getString("errors[0].extensions.code"));
            }
            return email != null ? new Outcome(client, email, json.getString("data.createContact.id"), -1, true, started, took, null)
                    : new Outcome(client, null, null, json.getInt("data.contacts.totalCount"), true, started, took, null);
        } catch (RuntimeException e) {
            return new Outcome(client, email, null, -1, false, started, System.nanoTime() - started, e.toString());
        }
    }

    private String otherWorker(String current) throws SQLException {
        return rows("select nodename || ':' || nodeport from pg_dist_node where groupid <> 0 and isactive order by 1").stream()
                .map(r -> r[0]).filter(n -> !n.equals(current)).findFirst().orElseThrow();
    }

    private List<String[]> rows(String sql) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                String[] row = new String[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = rs.getString(i + 1);
                }
                out.add(row);
            }
        }
        return out;
    }
}
