package org.socialcrm.profile.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.socialcrm.profile.DuplicateDrain;
import org.socialcrm.profile.DuplicatePairs;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.Tokens;
import org.socialcrm.tenancy.TenantDirectory;
import org.socialcrm.tenancy.TenantScope;

import io.smallrye.mutiny.Uni;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Import batches only mark the contacts whose duplicate pairs must be found again; DuplicateDrain finds them outside
 * the import's transactions. A refresh never waits for (or trips over) an erasure of a contact it pairs.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportDuplicatePairsTest {

    static final String CREATE = "mutation($i: ContactInput!) { createContact(input: $i) { id } }";
    static final String CANDIDATES = "{ duplicateCandidates { totalCount edges { node { reasons contact { id } other { id } } } } }";
    /** The contacts marked for the drain: per contact, and an import batch's as one row (V127). */
    static final String MARKS = "select (select count(*) from duplicate_pending) "
            + "+ (select coalesce(sum(cardinality(contact_ids)), 0) from duplicate_pending_batch)";
    static final String FILE = """
            firstName,lastName,emails,address.postalCode
            Helene,Brandt,hb@example.org,50667
            Otto,Lilienthal,helenabrandt+shop@example.org,10115
            Max,Muster,max@example.org,20095
            """;

    @Inject
    TenantFixtures fixtures;

    @Inject
    ImportWorker worker;

    @Inject
    DuplicateDrain drain;

    @Inject
    DuplicatePairs pairs;

    @Inject
    TenantDirectory directory;

    String create(GraphQLClient admin, String first, String last, String email, String postalCode) {
        return admin.ok(CREATE, Map.of("i", Map.of("firstName", first, "lastName", last, "email", email,
                "location", Map.of("postalCode", postalCode)))).getString("data.createContact.id");
    }

    /** "low-high:reason" of the tenant's stored pairs. */
    List<String> stored(String slug) {
        return fixtures.inTenant(slug, c -> c.query("select contact_id || '-' || other_id || ':' || r as p from duplicate_pair, unnest(reasons) r "
                + "order by 1").execute().map(rows -> {
                    List<String> list = new ArrayList<>();
                    rows.forEach(r -> list.add(r.getString("p")));
                    return list;
                }));
    }

    long count(String slug, String sql) {
        return fixtures.inTenant(slug, c -> c.query(sql).execute().map(r -> r.iterator().next().getLong(0)));
    }

    int drain(String slug) {
        return directory.bySlug(slug).chain(found -> drain.drain(new TenantScope(found.orElseThrow()))).await().indefinitely();
    }

    /** Imports FILE into a fresh tenant that holds Helena Brandt; her id. */
    String importBeside(ImportTestTenant imports) {
        String helena = create(imports.admin, "Helena", "Brandt", "helena.brandt@example.org", "50667");
        String job = imports.start(Tokens.tenantUser(imports.slug, "crm-analyst"), "format=csv", FILE).getString("id");
        imports.runAll();
        assertEquals("SUCCEEDED", imports.job(job).getString("data.importJob.status"));
        return helena;
    }

    @Test
    void theDrainWaitsWhileAContactImportOfTheTenantRunsButNotForAStuckOne() {
        ImportTestTenant a = new ImportTestTenant(fixtures, worker, fixtures.createIsolated("imp-pairs-wait", null));
        importBeside(a);
        // another contact import of the tenant runs (its lanes would pay the drain's locks and probes beside them)
        long running = count(a.slug, "insert into import_job (status, format, match_on, created_by, started_at) "
                + "values ('RUNNING', 'csv', '{EMAIL}', 'test', now()) returning id");

        assertEquals(0, drain(a.slug), "no pass while an import runs");
        assertEquals(List.of(), stored(a.slug));

        // a RUNNING job older than defer-while-importing (15m) is a stuck one: it no longer holds the drain back
        count(a.slug, "with u as (update import_job set started_at = now() - interval '16 minutes' where id = " + running
                + " returning 1) select count(*) from u");
        assertEquals(3, drain(a.slug));
        assertEquals(2, stored(a.slug).size());
    }

    @Test
    void anImportsPairsAppearOnceTheDrainRanNotInItsBatches() {
        ImportTestTenant a = new ImportTestTenant(fixtures, worker, fixtures.createIsolated("imp-pairs", null));
        ImportTestTenant b = new ImportTestTenant(fixtures, worker, fixtures.createIsolated("imp-pairs-other", null));
        String helena = importBeside(a);
        importBeside(b);

        // the batches marked their three new people and stored no pair: the lanes never took the refresh lock
        assertEquals(List.of(), stored(a.slug));
        assertEquals(3, count(a.slug, MARKS));
        // as a row per batch (V127: the file's lanes made two), not a row per contact
        assertEquals(0, count(a.slug, "select count(*) from duplicate_pending"));
        assertEquals(3, count(a.slug, "select sum(cardinality(contact_ids)) from duplicate_pending_batch"));
        assertEquals(0, a.admin.ok(CANDIDATES, Map.of()).getInt("data.duplicateCandidates.totalCount"));
        // nor did they write the name probe (its GiST entry is the drain's to pay): only Helena, created by the API
        assertEquals(1, count(a.slug, "select count(*) from contact_name_probe"));

        assertEquals(3, drain(a.slug));
        long helene = count(a.slug, "select id from contact where first_name = 'Helene'");
        long otto = count(a.slug, "select id from contact where first_name = 'Otto'");
        long h = Long.parseLong(helena);
        assertEquals(List.of(Math.min(h, helene) + "-" + Math.max(h, helene) + ":similar name in the same postal code",
                Math.min(h, otto) + "-" + Math.max(h, otto) + ":email local-part variant").stream().sorted().toList(), stored(a.slug));
        assertEquals(0, count(a.slug, MARKS));
        assertEquals(4, count(a.slug, "select count(*) from contact_name_probe"));
        assertEquals(2, a.admin.ok(CANDIDATES, Map.of()).getInt("data.duplicateCandidates.totalCount"));
        assertEquals(0, drain(a.slug), "nothing left to drain");

        // the other tenant's marks were not touched by the first tenant's drain, and its pairs are its own
        assertEquals(3, count(b.slug, MARKS));
        assertEquals(List.of(), stored(b.slug));
        assertTrue(drain.drainAll().await().indefinitely() >= 3, "the scheduled tick's visit of every active tenant");
        assertEquals(0, count(b.slug, MARKS));
        assertEquals(2, b.admin.ok(CANDIDATES, Map.of()).getInt("data.duplicateCandidates.totalCount"));
        assertEquals(2, a.admin.ok(CANDIDATES, Map.of()).getInt("data.duplicateCandidates.totalCount"));
    }

    /**
     * An erasure deletes a contact (and, by cascade, its pairs) while a refresh of its partner runs: the refresh neither
     * waits for the erasure nor inserts a pair naming the erased contact (foreign key error); the partner stays marked
     * and the drain finds its pairs once the erasure committed. And a refresh that locked first makes the erasure wait.
     */
    @Test
    void aRefreshNeverWaitsForAnErasureAndTheDrainDropsVanishedIds() throws Exception {
        String slug = fixtures.createIsolated("imp-erase", null);
        GraphQLClient admin = org.socialcrm.support.TestTenants.admin(slug);
        long x = Long.parseLong(create(admin, "Wilhelmine", "Kaufmann", "wk@example.org", "01067"));
        long y = Long.parseLong(create(admin, "Wilhelmina", "Kaufmann", "wilma@example.org", "01067"));
        assertEquals(1, stored(slug).size());

        // an erasure of y, not yet committed
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CompletableFuture<Void> erasure = fixtures.inTenantAsync(slug, c -> c.query("delete from contact where id = " + y).execute()
                .call(() -> Uni.createFrom().completionStage(gate)).replaceWithVoid());
        Thread.sleep(300);
        fixtures.inTenantAsync(slug, c -> pairs.refresh(c, new long[] { x })).get(3, TimeUnit.SECONDS);
        assertEquals(1, count(slug, "select count(*) from duplicate_pending where contact_id = " + x), "x waits for the drain");
        // a batch's mark of x meanwhile: the drain cannot refresh x yet, so x stays marked, now per contact
        fixtures.sql(slug, "delete from duplicate_pending");
        fixtures.sql(slug, "insert into duplicate_pending_batch (contact_ids) values (array[" + x + "]::bigint[])");
        assertEquals(0, (int) fixtures.inTenantAsync(slug, c -> pairs.drainChunk(c, 100)).get(10, TimeUnit.SECONDS));
        assertEquals(0, count(slug, "select count(*) from duplicate_pending_batch"));
        assertEquals(1, count(slug, "select count(*) from duplicate_pending where contact_id = " + x), "x still waits for the drain");
        gate.complete(null);
        erasure.get(10, TimeUnit.SECONDS);
        fixtures.sql(slug, "insert into duplicate_pending values (" + y + ")"); // a mark whose contact is gone
        assertEquals(2, drain(slug));
        assertEquals(List.of(), stored(slug));
        assertEquals(0, count(slug, "select count(*) from duplicate_pending"));
        // a batch row naming a vanished contact and a present one: both marks go, the present one refreshed
        fixtures.sql(slug, "insert into duplicate_pending_batch (contact_ids) values (array[" + y + ", " + x + "]::bigint[])");
        assertEquals(2, drain(slug));
        assertEquals(0, count(slug, MARKS));

        // the other order: a refresh holds its partners; the erasure waits for it, then takes the new pair with it
        long z = Long.parseLong(create(admin, "Wilhelmina", "Kaufmann", "wilma2@example.org", "01067"));
        assertEquals(1, stored(slug).size());
        CompletableFuture<Void> held = new CompletableFuture<>();
        CompletableFuture<Void> refresh = fixtures.inTenantAsync(slug, c -> pairs.refresh(c, new long[] { x })
                .call(() -> Uni.createFrom().completionStage(held)));
        Thread.sleep(300);
        CompletableFuture<Boolean> erased = CompletableFuture.supplyAsync(() -> admin.ok("mutation($id: ID!) { eraseContact(id: $id) }",
                Map.of("id", Long.toString(z))).getBoolean("data.eraseContact"));
        Thread.sleep(700);
        assertFalse(erased.isDone(), "the erasure waits for the refresh that locked its contact");
        held.complete(null);
        refresh.get(10, TimeUnit.SECONDS);
        assertTrue(erased.get(10, TimeUnit.SECONDS));
        assertEquals(List.of(), stored(slug));
        assertEquals(0, count(slug, "select count(*) from duplicate_pending"));
    }
}
