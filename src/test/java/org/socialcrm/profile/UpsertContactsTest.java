package org.socialcrm.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.TestTenants;
import org.socialcrm.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpsertContactsTest {

    static final String UPSERT = "mutation($i: [ContactUpsertInput!]!, $m: [MatchKey!]) { upsertContacts(input: $i, matchOn: $m) "
            + "{ created updated unchanged ambiguous rejected outcomes { index contactId outcome matchedOn reason } } }";
    static final String PROFILE = "query($id: ID!) { contact(id: $id) { id email phone lifecycleStage tags doNotContact supportLevel language "
            + "customFields emails { address primary } phones { number primary kind } externalIds { system value } "
            + "address { line1 city postalCode country latitude } channelPreferences { channel status source legalBasis } } }";
    static final String DEFINE = "mutation($i: CustomFieldInput!) { defineCustomField(input: $i) { key label type choices filterable } }";

    @Inject
    TenantFixtures fixtures;

    String tenant;
    GraphQLClient admin;

    @BeforeEach
    void tenant() {
        if (tenant == null) {
            tenant = fixtures.createIsolated("upsert", null);
            admin = TestTenants.admin(tenant);
            admin.ok(DEFINE, Map.of("i", Map.of("key", "donor_tier", "label", "Donor tier", "type", "CHOICE", "choices", List.of("gold", "silver"))));
            admin.ok(DEFINE, Map.of("i", Map.of("key", "pledge", "label", "Pledge", "type", "NUMBER")));
            admin.ok(DEFINE, Map.of("i", Map.of("key", "joined", "label", "Joined", "type", "DATE")));
        }
    }

    static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    JsonPath upsert(List<Map<String, Object>> rows) {
        return admin.ok(UPSERT, Map.of("i", rows));
    }

    @Test
    void createsThenChangesNothingOnReRun() {
        List<Map<String, Object>> rows = List.of(
                row("externalIds", List.of(Map.of("system", "voterfile", "value", "V-1")), "emails", List.of("Ann.Lee@Example.com", "ann@work.example"),
                        "phones", List.of("+1 415 555 2671"), "firstName", "Ann", "lastName", "Lee", "tags", List.of("volunteer"),
                        "address", Map.of("line1", "1 Main St", "city", "Springfield", "postalCode", "12345", "country", "US", "latitude", 40.1),
                        "customFields", Map.of("donor_tier", "gold", "pledge", 25, "joined", "2024-03-01"), "lifecycleStage", "lead",
                        "supportLevel", 4, "language", "en"),
                Map.of("emails", List.of("bob@example.com"), "phones", List.of("(415) 555-2672"), "address", Map.of("country", "US"),
                        "firstName", "Bob"));
        JsonPath first = upsert(rows);
        assertEquals(2, first.getInt("data.upsertContacts.created"), first.prettify());
        String ann = first.getString("data.upsertContacts.outcomes[0].contactId");
        JsonPath profile = admin.ok(PROFILE, Map.of("id", ann));
        assertEquals("Ann.Lee@Example.com", profile.getString("data.contact.email"));
        assertEquals("+14155552671", profile.getString("data.contact.phone"));
        assertEquals(List.of("Ann.Lee@Example.com", "ann@work.example"), profile.getList("data.contact.emails.address"));
        assertEquals(List.of(true, false), profile.getList("data.contact.emails.primary"));
        assertEquals("voterfile", profile.getString("data.contact.externalIds[0].system"));
        assertEquals("Springfield", profile.getString("data.contact.address.city"));
        assertEquals("gold", profile.getString("data.contact.customFields.donor_tier"));
        assertEquals("2024-03-01", profile.getString("data.contact.customFields.joined"));
        assertEquals(4, profile.getInt("data.contact.supportLevel"));
        assertEquals("lead", profile.getString("data.contact.lifecycleStage"));
        JsonPath exported = admin.ok("mutation($id: ID!) { exportContact(id: $id) }", Map.of("id", ann));
        assertEquals("gold", exported.getString("data.exportContact.contact.custom_fields.donor_tier"));
        assertEquals(2, exported.getList("data.exportContact.emails").size());
        assertEquals("V-1", exported.getString("data.exportContact.externalIds[0].value"));
        String bob = first.getString("data.upsertContacts.outcomes[1].contactId");
        assertEquals("+14155552672", admin.ok(PROFILE, Map.of("id", bob)).getString("data.contact.phones[0].number"));

        JsonPath again = upsert(rows);
        assertEquals(2, again.getInt("data.upsertContacts.unchanged"), again.prettify());
        assertEquals(List.of(ann, bob), again.getList("data.upsertContacts.outcomes.contactId"));
        assertEquals("EXTERNAL_ID", again.getString("data.upsertContacts.outcomes[0].matchedOn"));
        assertEquals("EMAIL", again.getString("data.upsertContacts.outcomes[1].matchedOn"));

        // matched by a case variant of the email: updated, stage only moves forward
        JsonPath update = upsert(List.of(Map.of("emails", List.of("ANN.LEE@example.com"), "tags", List.of("donor"), "lifecycleStage", "subscriber",
                "phones", List.of("+44 20 7946 0958"))));
        assertEquals("UPDATED", update.getString("data.upsertContacts.outcomes[0].outcome"));
        assertEquals(ann, update.getString("data.upsertContacts.outcomes[0].contactId"));
        JsonPath after = admin.ok(PROFILE, Map.of("id", ann));
        assertEquals(List.of("volunteer", "donor"), after.getList("data.contact.tags"));
        assertEquals("lead", after.getString("data.contact.lifecycleStage"));
        assertEquals(2, after.getList("data.contact.phones").size());
    }

    @Test
    void badRowsAreRejectedWithReasonsAndGoodRowsWritten() {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(Map.of("emails", List.of("not-an-email")));
        rows.add(Map.of("emails", List.of("ok1@example.com"), "lifecycleStage", "astronaut"));
        rows.add(Map.of("emails", List.of("ok2@example.com"), "customFields", Map.of("shoe_size", 42)));
        rows.add(Map.of("emails", List.of("ok3@example.com"), "customFields", Map.of("donor_tier", "bronze")));
        rows.add(Map.of("phones", List.of("12")));
        rows.add(Map.of("firstName", "No keys"));
        rows.add(Map.of("emails", List.of("good@example.com"), "supportLevel", 3));
        JsonPath result = upsert(rows);
        assertEquals(6, result.getInt("data.upsertContacts.rejected"), result.prettify());
        assertEquals(1, result.getInt("data.upsertContacts.created"));
        List<String> reasons = result.getList("data.upsertContacts.outcomes.reason");
        assertTrue(reasons.get(0).startsWith("emails"), reasons.toString());
        assertTrue(reasons.get(1).startsWith("lifecycleStage"));
        assertTrue(reasons.get(2).startsWith("customFields.shoe_size"));
        assertTrue(reasons.get(3).startsWith("customFields.donor_tier"));
        assertTrue(reasons.get(4).startsWith("phones"));
        assertFalse(reasons.stream().limit(6).anyMatch(r -> r.contains("not-an-email") || r.contains("ok1@")), reasons.toString());
        assertEquals(6, result.getInt("data.upsertContacts.outcomes[6].index"));
    }

    @Test
    void aRowMatchingTwoContactsUpdatesTheFirstAndRecordsACandidate() {
        String a = upsert(List.of(Map.of("externalIds", List.of(Map.of("system", "shop", "value", "S-9")), "firstName", "Cat")))
                .getString("data.upsertContacts.outcomes[0].contactId");
        String b = upsert(List.of(Map.of("emails", List.of("cat@example.com"), "firstName", "Catherine")))
                .getString("data.upsertContacts.outcomes[0].contactId");
        JsonPath both = upsert(List.of(Map.of("externalIds", List.of(Map.of("system", "shop", "value", "S-9")), "emails", List.of("cat@example.com"))));
        assertEquals("AMBIGUOUS", both.getString("data.upsertContacts.outcomes[0].outcome"), both.prettify());
        assertEquals(a, both.getString("data.upsertContacts.outcomes[0].contactId"));
        assertEquals("EXTERNAL_ID", both.getString("data.upsertContacts.outcomes[0].matchedOn"));
        // the email stays with its owner; nothing merged silently
        assertEquals(List.of(), admin.ok(PROFILE, Map.of("id", a)).getList("data.contact.emails"));
        assertEquals("cat@example.com", admin.ok(PROFILE, Map.of("id", b)).getString("data.contact.email"));
        long pairs = fixtures.inTenant(tenant, c -> c.query("select count(*) from duplicate_candidate where contact_id = " + Math.min(Long.parseLong(a), Long.parseLong(b))
                + " and other_id = " + Math.max(Long.parseLong(a), Long.parseLong(b))).execute().map(r -> r.iterator().next().getLong(0)));
        assertEquals(1, pairs);
        // matchOn EMAIL only: the same row updates b instead
        JsonPath byEmail = admin.ok(UPSERT, Map.of("i", List.of(Map.of("externalIds", List.of(Map.of("system", "shop", "value", "S-9")),
                "emails", List.of("cat@example.com"))), "m", List.of("EMAIL")));
        assertEquals(b, byEmail.getString("data.upsertContacts.outcomes[0].contactId"));
    }

    @Test
    void rowsSharingAKeyInOneBatchMakeOneContact() {
        JsonPath result = upsert(List.of(Map.of("emails", List.of("twin@example.com"), "firstName", "Twin"),
                Map.of("emails", List.of("TWIN@example.com"), "phones", List.of("+1 415 555 2699"))));
        assertEquals(1, result.getInt("data.upsertContacts.created"), result.prettify());
        assertEquals(1, result.getInt("data.upsertContacts.updated"));
        assertEquals(result.getString("data.upsertContacts.outcomes[0].contactId"), result.getString("data.upsertContacts.outcomes[1].contactId"));
    }

    @Test
    void erasedPeopleCannotBeImportedBack() {
        String id = upsert(List.of(Map.of("emails", List.of("gone@example.com"), "externalIds", List.of(Map.of("system", "crm", "value", "G-1")),
                "firstName", "Gone"))).getString("data.upsertContacts.outcomes[0].contactId");
        admin.ok("mutation($id: ID!) { eraseContact(id: $id) }", Map.of("id", id));
        JsonPath back = upsert(List.of(Map.of("emails", List.of("Gone@Example.com"), "firstName", "Gone")));
        assertEquals("REJECTED", back.getString("data.upsertContacts.outcomes[0].outcome"), back.prettify());
        String reason = back.getString("data.upsertContacts.outcomes[0].reason");
        assertTrue(reason.contains("erase"), reason);
        assertFalse(reason.contains("gone"), reason);
        assertEquals("REJECTED", upsert(List.of(Map.of("externalIds", List.of(Map.of("system", "crm", "value", "G-1")))))
                .getString("data.upsertContacts.outcomes[0].outcome"));
        // the blocklist holds no plain identifier
        long plain = fixtures.inTenant(tenant, c -> c.query("select count(*) from erasure_block where hash like '%gone%' or hash like '%G-1%'")
                .execute().map(r -> r.iterator().next().getLong(0)));
        assertEquals(0, plain);
    }

    @Test
    void anotherTenantsContactsNeverMatch() {
        String other = TestTenants.create("upsert-other");
        GraphQLClient otherAdmin = TestTenants.admin(other);
        String theirs = otherAdmin.ok(UPSERT, Map.of("i", List.of(Map.of("emails", List.of("shared@example.com"), "externalIds",
                List.of(Map.of("system", "voterfile", "value", "X-1")))))).getString("data.upsertContacts.outcomes[0].contactId");
        JsonPath mine = upsert(List.of(Map.of("emails", List.of("shared@example.com"), "externalIds", List.of(Map.of("system", "voterfile", "value", "X-1")))));
        assertEquals("CREATED", mine.getString("data.upsertContacts.outcomes[0].outcome"));
        assertEquals(1, otherAdmin.ok("{ contacts { totalCount } }", Map.of()).getInt("data.contacts.totalCount"));
        assertNotEquals(null, theirs);
        // the other tenant's admin cannot write here
        JsonPath refused = GraphQLClient.as(Tokens.tenantUser(other, "crm-admin")).tenant(tenant).run(UPSERT, Map.of("i", List.of(Map.of("emails", List.of("x@example.com")))));
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(refused));
    }

    @Test
    void rolesAndPartnerScopes() {
        Map<String, Object> vars = Map.of("i", List.of(Map.of("emails", List.of("partner@example.com"))));
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(GraphQLClient.as(Tokens.tenantUser(tenant, "crm-viewer")).tenant(tenant).run(UPSERT, vars)));
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(GraphQLClient.as(Tokens.partner(tenant, "metrics:write")).tenant(tenant).run(UPSERT, vars)));
        GraphQLClient.as(Tokens.partner(tenant, "contacts:write")).tenant(tenant).ok(UPSERT, vars);
        GraphQLClient.as(Tokens.tenantUser(tenant, "crm-analyst")).tenant(tenant).ok(UPSERT, vars);
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(GraphQLClient.as(Tokens.tenantUser(tenant, "crm-analyst")).tenant(tenant)
                .run(DEFINE, Map.of("i", Map.of("key", "x", "label", "X", "type", "TEXT")))));
    }

    @Test
    void tooManyRowsAreRefused() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            rows.add(Map.of("emails", List.of("many" + i + "@example.com")));
        }
        JsonPath json = admin.run(UPSERT, Map.of("i", rows));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(json));
        assertNull(json.get("data.upsertContacts"));
    }

    /**
     * A person written by another transaction (an import lane) between this upsert's match and its insert: the
     * upsert's transaction loses the race on the unique key, rolls back and runs again, and then matches that person.
     */
    @ParameterizedTest
    @ValueSource(strings = { "phone", "email" })
    void aPersonCommittedByAConcurrentTransactionIsMatchedNotCreatedTwice(String key) throws Exception {
        String phone = "+14155559" + (key.equals("phone") ? "301" : "302");
        String email = "race-" + key + "@example.com";
        String insert = key.equals("phone")
                ? "with c as (insert into contact (display_name, phone, lifecycle_stage) values ('Racer', '" + phone + "', 'subscriber') returning id) "
                        + "insert into contact_phone (contact_id, e164, is_primary) select id, '" + phone + "', true from c returning contact_id"
                : "with c as (insert into contact (display_name, email, lifecycle_stage) values ('Racer', '" + email + "', 'subscriber') returning id) "
                        + "insert into contact_email (contact_id, address, address_norm, is_primary) select id, '" + email + "', '" + email
                        + "', true from c returning contact_id";
        CompletableFuture<Long> other = fixtures.inTenantAsync(tenant, connection -> connection.query(insert).execute()
                .map(rows -> rows.iterator().next().getLong(0))
                .call(id -> connection.query("select pg_sleep(1.5)").execute()));
        Thread.sleep(500); // the other transaction has written and not committed: the upsert's match cannot see it
        Map<String, Object> row = key.equals("phone") ? row("phones", List.of(phone), "firstName", "Late")
                : row("emails", List.of(email), "firstName", "Late");
        JsonPath result = upsert(List.of(row));
        long committed = other.get(10, TimeUnit.SECONDS);
        assertEquals(0, result.getInt("data.upsertContacts.created"), result.prettify());
        assertEquals(String.valueOf(committed), result.getString("data.upsertContacts.outcomes[0].contactId"), result.prettify());
        String sameKey = key.equals("phone") ? "select count(*) from contact_phone where e164 = '" + phone + "'"
                : "select count(*) from contact where lower(email) = '" + email + "'";
        assertEquals(1L, (long) fixtures.inTenant(tenant, connection -> connection.query(sameKey).execute()
                .map(rows -> rows.iterator().next().getLong(0))));
    }

    @Test
    void theSameExternalIdOrHandleTwiceInARowIsOneKey() {
        // the key tables' inserts are plain (no on conflict): a key given twice must reach them once
        JsonPath result = upsert(List.of(row("externalIds", List.of(Map.of("system", "crm", "value", "TWICE-1"), Map.of("system", " crm ", "value", "TWICE-1 ")),
                "socialIdentities", List.of(Map.of("network", "X", "handle", "@twice_one"), Map.of("network", "X", "handle", "Twice_One")),
                "emails", List.of("twice@example.com", "TWICE@example.com"), "firstName", "Twice")));
        assertEquals(1, result.getInt("data.upsertContacts.created"), result.prettify());
        String id = result.getString("data.upsertContacts.outcomes[0].contactId");
        assertEquals(List.of(1L, 1L, 1L), fixtures.inTenant(tenant, connection -> connection.query(
                "select (select count(*) from contact_external_id where contact_id = " + id + "), "
                        + "(select count(*) from social_identity where contact_id = " + id + "), "
                        + "(select count(*) from contact_email where contact_id = " + id + ")").execute()
                .map(rows -> { var r = rows.iterator().next(); return List.of(r.getLong(0), r.getLong(1), r.getLong(2)); })));
        assertEquals(0, upsert(List.of(row("externalIds", List.of(Map.of("system", "crm", "value", "TWICE-1"), Map.of("system", "crm", "value", "TWICE-1")))))
                .getInt("data.upsertContacts.created"));
    }
}
