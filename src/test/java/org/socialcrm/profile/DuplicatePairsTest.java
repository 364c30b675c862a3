package org.socialcrm.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.TestTenants;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/**
 * Duplicate candidates are stored when contacts are written (DuplicatePairs): every write path keeps the stored pairs
 * true at once (create, update, upsert, merge, erasure), and concurrent writers still pair.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DuplicatePairsTest {

    static final String CREATE = "mutation($i: ContactInput!) { createContact(input: $i) { id } }";
    static final String UPDATE = "mutation($id: ID!, $i: ContactInput!) { updateContact(id: $id, input: $i) { id } }";

    @Inject
    TenantFixtures fixtures;

    @Inject
    DuplicatePairs pairs;

    String tenant;
    GraphQLClient admin;

    @BeforeEach
    void tenant() {
        if (tenant == null) {
            tenant = fixtures.createIsolated("duppairs", null);
            admin = TestTenants.admin(tenant);
        }
    }

    String create(String first, String last, String email, String postalCode) {
        return admin.ok(CREATE, Map.of("i", Map.of("firstName", first, "lastName", last, "email", email,
                "location", Map.of("postalCode", postalCode)))).getString("data.createContact.id");
    }

    /** The stored pairs of the tenant, "low-high:reason" (read from the table: the page reads nothing else). */
    List<String> stored(String slug) {
        return sorted(slug, "select contact_id || '-' || other_id || ':' || r from duplicate_pair, unnest(reasons) r");
    }

    /** The first column of a query in the tenant, sorted. */
    List<String> sorted(String slug, String sql) {
        return fixtures.inTenant(slug, c -> c.query(sql).execute().map(rows -> {
            List<String> list = new java.util.ArrayList<>();
            rows.forEach(r -> list.add(r.getString(0)));
            return list.stream().sorted().toList();
        }));
    }

    static String pair(String x, String y, String reason) {
        long a = Long.parseLong(x);
        long b = Long.parseLong(y);
        return Math.min(a, b) + "-" + Math.max(a, b) + ":" + reason;
    }

    int total(GraphQLClient client) {
        return client.ok(DuplicatesTest.CANDIDATES, Map.of()).getInt("data.duplicateCandidates.totalCount");
    }

    @Test
    void everyWritePathKeepsTheStoredPairsTrue() {
        String similar = "similar name in the same postal code";
        String variant = "email local-part variant";
        // create: the pair is there when the mutation returns
        String a = create("Helena", "Brandt", "helena.brandt@example.org", "50667");
        String b = create("Helene", "Brandt", "hb@example.org", "50667");
        assertEquals(List.of(pair(a, b, similar)), stored(tenant));
        assertEquals(1, total(admin));

        // update: a new name ends the pair, the old one brings it back
        admin.ok(UPDATE, Map.of("id", b, "i", Map.of("firstName", "Konrad", "lastName", "Zuse")));
        assertEquals(List.of(), stored(tenant));
        assertEquals(0, total(admin));
        admin.ok(UPDATE, Map.of("id", b, "i", Map.of("firstName", "Helene", "lastName", "Brandt")));
        assertEquals(List.of(pair(a, b, similar)), stored(tenant));

        // upsert: a new e-mail variant of a's address pairs c with a; moving c to another postal code keeps only that
        String c = admin.ok(UpsertContactsTest.UPSERT, Map.of("i", List.of(Map.of("emails", List.of("helenabrandt+shop@example.org"),
                "firstName", "Helena", "lastName", "Brand", "address", Map.of("postalCode", "50667")))))
                .getString("data.upsertContacts.outcomes[0].contactId");
        assertEquals(List.of(pair(a, b, similar), pair(a, c, similar), pair(a, c, variant), pair(b, c, similar)).stream().sorted().toList(),
                stored(tenant));
        admin.ok(UpsertContactsTest.UPSERT, Map.of("i", List.of(Map.of("emails", List.of("helenabrandt+shop@example.org"),
                "address", Map.of("postalCode", "80331")))));
        assertEquals(List.of(pair(a, b, similar), pair(a, c, variant)).stream().sorted().toList(), stored(tenant));

        // merge: the duplicate's pairs go with it; the survivor takes its e-mails, and their variants pair with it
        String d = create("Otto", "Lilienthal", "helena.brandt+news@example.org", "10115");
        admin.ok("mutation($s: ID!, $d: [ID!]!) { mergeContacts(survivorId: $s, duplicateIds: $d) { id } }", Map.of("s", b, "d", List.of(a)));
        assertEquals(List.of(pair(b, c, variant), pair(b, d, variant), pair(c, d, variant)).stream().sorted().toList(), stored(tenant));

        // erasure: its pairs go
        admin.ok("mutation($id: ID!) { eraseContact(id: $id) }", Map.of("id", b));
        assertEquals(List.of(pair(c, d, variant)), stored(tenant));
        assertEquals(1, total(admin));

        // another tenant's people never pair with these, though the same names and addresses
        String other = fixtures.createIsolated("duppairs-other", null);
        GraphQLClient otherAdmin = TestTenants.admin(other);
        otherAdmin.ok(CREATE, Map.of("i", Map.of("firstName", "Helena", "lastName", "Brand", "email", "c.other@example.org",
                "location", Map.of("postalCode", "80331"))));
        otherAdmin.ok(CREATE, Map.of("i", Map.of("firstName", "Otto", "lastName", "Lilienthal", "email", "ottolilienthal@example.org",
                "location", Map.of("postalCode", "10115"))));
        assertEquals(List.of(pair(c, d, variant)), stored(tenant));
        assertEquals(List.of(), stored(other));
        assertEquals(0, total(otherAdmin));
    }

    /** The tenant's name probe (contact_name_probe, V114), "id:postal code:name". */
    List<String> probe(String slug) {
        return sorted(slug, "select contact_id || ':' || postal_code || ':' || display_name from contact_name_probe");
    }

    /**
     * Similar names are probed in contact_name_probe, not on contact (an import's insert pays no GiST entry): every API
     * write path keeps it as the contacts are now (rename, new postal code, none, merge, erasure), and pairs follow it.
     */
    @Test
    void theNameProbeHoldsEveryRefreshedContactAsItIsNow() {
        String slug = fixtures.createIsolated("dupprobe", null);
        GraphQLClient client = TestTenants.admin(slug);
        String similar = "similar name in the same postal code";
        String a = client.ok(CREATE, Map.of("i", Map.of("firstName", "Ida", "lastName", "Pfeiffer", "email", "ida@example.org",
                "location", Map.of("postalCode", "04109")))).getString("data.createContact.id");
        String b = client.ok(CREATE, Map.of("i", Map.of("firstName", "Ida", "lastName", "Pfeifer", "email", "ip@example.org",
                "location", Map.of("postalCode", "04109")))).getString("data.createContact.id");
        assertEquals(List.of(a + ":04109:Ida Pfeiffer", b + ":04109:Ida Pfeifer").stream().sorted().toList(), probe(slug));
        assertEquals(List.of(pair(a, b, similar)), stored(slug));

        // rename: the probe holds the new name (the old one pairs no more), and a later similar person pairs with it
        client.ok(UPDATE, Map.of("id", b, "i", Map.of("firstName", "Alma", "lastName", "Mahler")));
        assertEquals(List.of(a + ":04109:Ida Pfeiffer", b + ":04109:Alma Mahler").stream().sorted().toList(), probe(slug));
        assertEquals(List.of(), stored(slug));
        String c = client.ok(UpsertContactsTest.UPSERT, Map.of("i", List.of(Map.of("emails", List.of("alma@example.org"),
                "firstName", "Alma", "lastName", "Mahlerr", "address", Map.of("postalCode", "04109")))))
                .getString("data.upsertContacts.outcomes[0].contactId");
        assertEquals(List.of(pair(b, c, similar)), stored(slug));

        // a new postal code moves the probe row; without a postal code a contact has none
        client.ok(UPDATE, Map.of("id", a, "i", Map.of("location", Map.of("postalCode", "01067"))));
        fixtures.inTenant(slug, conn -> conn.query("update contact set postal_code = null where id = " + c).execute()
                .call(() -> pairs.refresh(conn, new long[] { Long.parseLong(c) })));
        assertEquals(List.of(a + ":01067:Ida Pfeiffer", b + ":04109:Alma Mahler").stream().sorted().toList(), probe(slug));
        assertEquals(List.of(), stored(slug));

        // merge and erasure: the probe rows go with the contacts
        client.ok("mutation($s: ID!, $d: [ID!]!) { mergeContacts(survivorId: $s, duplicateIds: $d) { id } }", Map.of("s", a, "d", List.of(b)));
        assertEquals(List.of(a + ":01067:Ida Pfeiffer"), probe(slug));
        client.ok("mutation($id: ID!) { eraseContact(id: $id) }", Map.of("id", a));
        assertEquals(List.of(), probe(slug));
        assertEquals(List.of(), probe(tenant).stream().filter(p -> p.contains("Pfeif") || p.contains("Mahler")).toList(),
                "another tenant's probe holds none of them");
    }

    /**
     * Two transactions write similar people at once (two import lanes, say): neither sees the other's uncommitted
     * contact, so the second refresh waits for the first transaction's commit and then finds the pair.
     */
    @Test
    void similarPeopleWrittenByConcurrentTransactionsPair() throws Exception {
        String insert = "insert into contact (display_name, postal_code, lifecycle_stage) values ('%s', '01067', 'subscriber') returning id";
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CompletableFuture<Long> first = fixtures.inTenantAsync(tenant, connection -> connection.query(insert.formatted("Wilhelmine Kaufmann"))
                .execute().map(rows -> rows.iterator().next().getLong(0))
                .call(id -> pairs.refresh(connection, new long[] { id }))
                .call(id -> Uni.createFrom().completionStage(gate)));
        Thread.sleep(300);
        CompletableFuture<Long> second = fixtures.inTenantAsync(tenant, connection -> connection.query(insert.formatted("Wilhelmina Kaufmann"))
                .execute().map(rows -> rows.iterator().next().getLong(0))
                .call(id -> pairs.refresh(connection, new long[] { id })));
        Thread.sleep(700);
        assertFalse(second.isDone(), "the second refresh waits for the first transaction");
        gate.complete(null);
        long x = first.get(10, TimeUnit.SECONDS);
        long y = second.get(10, TimeUnit.SECONDS);
        assertEquals(List.of(pair(Long.toString(x), Long.toString(y), "similar name in the same postal code")),
                stored(tenant).stream().filter(p -> p.contains(Long.toString(x))).toList());
    }
}
