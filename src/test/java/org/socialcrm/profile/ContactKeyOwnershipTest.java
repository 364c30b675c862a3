package org.socialcrm.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.socialcrm.contact.ContactPrivacy;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.TestTenants;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;

/**
 * A contact's emails, phones, external ids and lifecycle history have no foreign key to it (tenant migration V121): the
 * code keeps what the key gave. Paths that delete contacts delete or move those rows; a writer and a deleting
 * transaction racing on one contact (two real connections, one holding its transaction) leave no row without its
 * contact.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactKeyOwnershipTest {

    static final String ERASE = "mutation($id: ID!) { eraseContact(id: $id) }";
    static final String MERGE = "mutation($s: ID!, $d: [ID!]!) { mergeContacts(survivorId: $s, duplicateIds: $d) { id } }";

    /** Rows of the four tables without a foreign key whose contact does not exist. */
    static final String ORPHANS = """
            select (select count(*) from contact_email x where not exists (select 1 from contact c where c.id = x.contact_id))
                 + (select count(*) from contact_phone x where not exists (select 1 from contact c where c.id = x.contact_id))
                 + (select count(*) from contact_external_id x where not exists (select 1 from contact c where c.id = x.contact_id))
                 + (select count(*) from lifecycle_transition x where not exists (select 1 from contact c where c.id = x.contact_id))""";

    @Inject
    TenantFixtures fixtures;
    @Inject
    ContactPrivacy privacy;

    String tenant;
    GraphQLClient admin;

    @BeforeEach
    void tenant() {
        if (tenant == null) {
            tenant = fixtures.createIsolated("keys", null);
            admin = TestTenants.admin(tenant);
        }
    }

    String person(String name, String email, String phone, String external) {
        JsonPath result = admin.ok(UpsertContactsTest.UPSERT, Map.of("i", List.of(Map.of("firstName", name, "emails", List.of(email),
                "phones", List.of(phone), "externalIds", List.of(Map.of("system", "crm", "value", external)), "lifecycleStage", "lead"))));
        return result.getString("data.upsertContacts.outcomes[0].contactId");
    }

    long count(String tenantSlug, String sql) {
        return fixtures.inTenant(tenantSlug, c -> c.query(sql).execute().map(rows -> rows.iterator().next().getLong(0)));
    }

    /** The rows of the four tables that name {@code id}. */
    long rowsOf(String tenantSlug, String id) {
        return count(tenantSlug, "select (select count(*) from contact_email where contact_id = " + id + ") + (select count(*) from "
                + "contact_phone where contact_id = " + id + ") + (select count(*) from contact_external_id where contact_id = " + id
                + ") + (select count(*) from lifecycle_transition where contact_id = " + id + ")");
    }

    @Test
    void erasureLeavesNoKeysAndNoHistoryAndTouchesNoOtherTenant() {
        String other = TestTenants.create("keys-other");
        GraphQLClient otherAdmin = TestTenants.admin(other);
        String theirs = otherAdmin.ok(UpsertContactsTest.UPSERT, Map.of("i", List.of(Map.of("firstName", "Same", "emails",
                List.of("erase-me@example.com"), "phones", List.of("+1 415 555 3101"), "externalIds",
                List.of(Map.of("system", "crm", "value", "E-1")))))).getString("data.upsertContacts.outcomes[0].contactId");
        String id = person("Erased", "erase-me@example.com", "+1 415 555 3101", "E-1");
        assertEquals(4, rowsOf(tenant, id)); // an email, a phone, an external id, the transition it was created with
        admin.ok(ERASE, Map.of("id", id));
        assertEquals(0, rowsOf(tenant, id));
        assertEquals(0, count(tenant, ORPHANS));
        assertEquals(3, count(other, "select count(*) from contact_email where contact_id = " + theirs)
                + count(other, "select count(*) from contact_phone where contact_id = " + theirs)
                + count(other, "select count(*) from contact_external_id where contact_id = " + theirs));
    }

    @Test
    void mergeMovesEveryKeyAndTransitionOfTheDuplicates() {
        String survivor = person("Keep", "keep@example.com", "+1 415 555 3201", "M-1");
        String duplicate = person("Fold", "fold@example.com", "+1 415 555 3202", "M-2");
        long before = rowsOf(tenant, survivor) + rowsOf(tenant, duplicate);
        admin.ok(MERGE, Map.of("s", survivor, "d", List.of(duplicate)));
        assertEquals(0, rowsOf(tenant, duplicate));
        assertEquals(before, rowsOf(tenant, survivor));
        assertEquals(0, count(tenant, ORPHANS));
    }

    /**
     * An erasure holds the contact and has not committed when an upsert matches the contact by its e-mail: the upsert's
     * lock waits, then finds the contact gone, and runs again (then the e-mail is on the blocklist): its new phone is
     * written for no one.
     */
    @Test
    void anUpsertThatMatchedAContactErasedMeanwhileWritesNothingForIt() throws Exception {
        String id = person("Racing", "race-erased@example.com", "+1 415 555 3301", "R-1");
        CompletableFuture<Boolean> erasure = fixtures.inTenantAsync(tenant, c -> privacy.erase(c, Long.parseLong(id))
                .call(() -> c.query("select pg_sleep(1.5)").execute()));
        Thread.sleep(500); // the erasure holds the contact and has not committed: the upsert's match still finds it
        JsonPath result = admin.ok(UpsertContactsTest.UPSERT, Map.of("i", List.of(Map.of("emails", List.of("race-erased@example.com"),
                "phones", List.of("+1 415 555 3302")))));
        assertEquals(true, erasure.get(10, TimeUnit.SECONDS));
        assertEquals("REJECTED", result.getString("data.upsertContacts.outcomes[0].outcome"), result.prettify());
        assertNull(result.getString("data.upsertContacts.outcomes[0].contactId"), result.prettify());
        assertEquals(0, count(tenant, "select count(*) from contact_phone where e164 = '+14155553302'"));
        assertEquals(0, count(tenant, ORPHANS));
    }

    /**
     * A writer holds the contact's lock and has written a phone and a transition for it, not committed, when the
     * erasure starts: the erasure waits for the lock, then blocks and deletes what the writer committed too.
     */
    @Test
    void anErasureThatWaitedForAWriterDeletesWhatTheWriterWrote() throws Exception {
        String id = person("Written", "race-writer@example.com", "+1 415 555 3401", "W-1");
        CompletableFuture<Void> writer = fixtures.inTenantAsync(tenant, c -> lockAndWrite(c, id, "+14155553402"));
        Thread.sleep(500);
        admin.ok(ERASE, Map.of("id", id));
        writer.get(10, TimeUnit.SECONDS);
        assertEquals(0, rowsOf(tenant, id));
        assertEquals(0, count(tenant, ORPHANS));
        // the phone the writer added is on the blocklist as well: it cannot bring the person back
        JsonPath back = admin.ok(UpsertContactsTest.UPSERT, Map.of("i", List.of(Map.of("phones", List.of("+1 415 555 3402")))));
        assertEquals("REJECTED", back.getString("data.upsertContacts.outcomes[0].outcome"), back.prettify());
    }

    /** As above for a merge: the duplicate's rows a writer added while the merge waited move to the survivor. */
    @Test
    void aMergeThatWaitedForAWriterMovesWhatTheWriterWrote() throws Exception {
        String survivor = person("Stays", "race-stays@example.com", "+1 415 555 3501", "S-1");
        String duplicate = person("Goes", "race-goes@example.com", "+1 415 555 3502", "S-2");
        CompletableFuture<Void> writer = fixtures.inTenantAsync(tenant, c -> lockAndWrite(c, duplicate, "+14155553503"));
        Thread.sleep(500);
        admin.ok(MERGE, Map.of("s", survivor, "d", List.of(duplicate)));
        writer.get(10, TimeUnit.SECONDS);
        assertEquals(0, rowsOf(tenant, duplicate));
        assertEquals(1, count(tenant, "select count(*) from contact_phone where e164 = '+14155553503' and contact_id = " + survivor));
        assertEquals(0, count(tenant, ORPHANS));
    }

    static final String CREATE = "mutation($i: ContactInput!) { createContact(input: $i) { id } }";

    /** contact.email has no unique index of its own (V122): contact_email's refuses a second contact with one e-mail. */
    @Test
    void aSecondContactWithTheSameEmailIsRefusedOnCreateAndUpdate() {
        admin.ok(CREATE, Map.of("i", Map.of("firstName", "First", "email", "Once@Example.com")));
        JsonPath refused = admin.run(CREATE, Map.of("i", Map.of("firstName", "Second", "email", "once@example.com")));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(refused), refused.prettify());
        String other = admin.ok(CREATE, Map.of("i", Map.of("firstName", "Third"))).getString("data.createContact.id");
        JsonPath update = admin.run("mutation($id: ID!, $i: ContactInput!) { updateContact(id: $id, input: $i) { id } }",
                Map.of("id", other, "i", Map.of("email", " ONCE@example.com")));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(update), update.prettify());
        assertEquals(1, count(tenant, "select count(*) from contact where lower(trim(email)) = 'once@example.com'"));
    }

    /** Another transaction has written a contact with the e-mail and not committed: createContact waits, then is refused. */
    @Test
    void aContactCreatedWithAnEmailAnotherTransactionIsWritingIsRefused() throws Exception {
        CompletableFuture<Void> other = fixtures.inTenantAsync(tenant, c -> c.query("with n as (insert into contact (display_name, email, "
                + "lifecycle_stage) values ('Racer', 'race-create@example.com', 'subscriber') returning id) insert into contact_email "
                + "(contact_id, address, address_norm, is_primary) select id, 'race-create@example.com', 'race-create@example.com', true from n")
                .execute().chain(() -> c.query("select pg_sleep(1.5)").execute()).replaceWithVoid());
        Thread.sleep(500);
        JsonPath refused = admin.run(CREATE, Map.of("i", Map.of("firstName", "Late", "email", "Race-Create@example.com")));
        other.get(10, TimeUnit.SECONDS);
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(refused), refused.prettify());
        assertEquals(1, count(tenant, "select count(*) from contact where lower(email) = 'race-create@example.com'"));
    }

    /** What every writer of these rows does (ContactUpserts, LifecycleHistory, ContactRepository): the lock, then the rows. */
    private static Uni<Void> lockAndWrite(io.vertx.mutiny.sqlclient.SqlConnection c, String id, String e164) {
        return c.query("select id from contact where id = " + id + " for update").execute()
                .chain(() -> c.query("insert into contact_phone (contact_id, e164) values (" + id + ", '" + e164 + "')").execute())
                .chain(() -> c.query("insert into lifecycle_transition (contact_id, from_stage, to_stage, source) values ("
                        + id + ", 'lead', 'customer', 'test')").execute())
                .chain(() -> c.query("select pg_sleep(1.5)").execute()).replaceWithVoid();
    }
}
