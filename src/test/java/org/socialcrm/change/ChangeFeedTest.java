package org.socialcrm.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialcrm.campaign.CampaignTestSupport;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/** The transactional outbox and the changes query. */
@QuarkusTest
class ChangeFeedTest {

    static final String FEED = """
            query($after: String, $first: Int, $types: [String!]) { changes(after: $after, first: $first, types: $types) {
              edges { cursor node { id type at subjectId actor data } } pageInfo { hasNextPage endCursor } } }""";

    @Inject
    TenantFixtures fixtures;
    @Inject
    ChangeLog changeLog;
    @Inject
    ChangePruner pruner;

    static JsonPath feed(GraphQLClient client, String after, int first, List<String> types) {
        Map<String, Object> vars = new java.util.HashMap<>();
        vars.put("after", after);
        vars.put("first", first);
        vars.put("types", types);
        return client.ok(FEED, vars);
    }

    static List<String> types(JsonPath page) {
        return page.getList("data.changes.edges.node.type");
    }

    @Test
    void everyMutationWritesItsChangeInCommitOrderAndOnlyItsTenantSeesIt() {
        String slug = fixtures.createIsolated("chg", null);
        String other = fixtures.createIsolated("chgo", null);
        GraphQLClient admin = GraphQLClient.as(Tokens.user().subject("feed-admin").tenants(slug).roles("crm-admin").sign()).tenant(slug);
        String contact = CampaignTestSupport.createContact(admin, "Feed");
        String duplicate = CampaignTestSupport.createContact(admin, "Dup");
        admin.ok("mutation($id: ID!, $i: ContactInput!) { updateContact(id: $id, input: $i) { id } }",
                Map.of("id", contact, "i", Map.of("lastName", "Person", "consent", Map.of("email", true))));
        admin.ok("mutation($id: ID!) { moveLifecycleStage(contactId: $id, stage: \"lead\") { id } }", Map.of("id", contact));
        String campaign = CampaignTestSupport.createCampaign(admin, "Spring");
        CampaignTestSupport.touch(admin, contact, campaign, "EMAIL", null, null);
        CampaignTestSupport.convert(admin, contact, null, 12.5, null);
        admin.ok("mutation($s: ID!, $d: [ID!]!) { mergeContacts(survivorId: $s, duplicateIds: $d) { id } }",
                Map.of("s", contact, "d", List.of(duplicate)));
        admin.ok("mutation($id: ID!) { eraseContact(id: $id) }", Map.of("id", contact));

        JsonPath page = feed(admin, null, 50, null);
        assertEquals(List.of("contact.created", "contact.created", "contact.updated", "consent.changed", "lifecycle.changed",
                "touchpoint.recorded", "conversion.recorded", "contact.merged", "contact.erased"), types(page));
        List<String> subjects = page.getList("data.changes.edges.node.subjectId");
        assertEquals(List.of(contact, duplicate, contact, contact, contact, contact, contact, contact, contact), subjects);
        assertEquals("feed-admin", page.getString("data.changes.edges[0].node.actor"));
        assertEquals(List.of("lastName", "consent"), page.getList("data.changes.edges[2].node.data.fields"));
        assertEquals(true, page.getBoolean("data.changes.edges[3].node.data.email"));
        assertEquals("lead", page.getString("data.changes.edges[4].node.data.toStage"));
        assertEquals(List.of(duplicate), page.getList("data.changes.edges[7].node.data.mergedIds"));
        assertEquals(Map.of(), page.getMap("data.changes.edges[8].node.data"), "contact.erased carries no personal data");
        assertFalse(page.prettify().contains("Feed") || page.prettify().contains("Person"), "names never enter the feed");

        // another tenant sees none of it, with ids that would otherwise collide
        GraphQLClient otherAdmin = GraphQLClient.as(Tokens.tenantUser(other, "crm-admin")).tenant(other);
        CampaignTestSupport.createContact(otherAdmin, "Else");
        JsonPath others = feed(otherAdmin, null, 50, null);
        assertEquals(List.of("contact.created"), types(others));
        assertFalse(others.getList("data.changes.edges.node.subjectId").contains(contact));
        // and naming it in X-Tenant-ID is refused
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(otherAdmin.tenant(slug).run(FEED, Map.of())));
    }

    @Test
    void theFeedIsResumableFromAnyCursorAndFiltersByType() {
        String slug = fixtures.createIsolated("chr", null);
        GraphQLClient admin = GraphQLClient.as(Tokens.tenantUser(slug, "crm-admin")).tenant(slug);
        for (int i = 0; i < 5; i++) {
            CampaignTestSupport.createContact(admin, "R" + i);
        }
        String one = CampaignTestSupport.createContact(admin, "Mover");
        admin.ok("mutation($id: ID!) { moveLifecycleStage(contactId: $id, stage: \"lead\") { id } }", Map.of("id", one));
        JsonPath first = feed(admin, null, 3, null);
        assertEquals(3, types(first).size());
        assertTrue(first.getBoolean("data.changes.pageInfo.hasNextPage"));
        String cursor = first.getString("data.changes.pageInfo.endCursor");
        JsonPath rest = feed(admin, cursor, 50, null);
        assertEquals(4, types(rest).size());
        assertFalse(rest.getBoolean("data.changes.pageInfo.hasNextPage"));
        // the same cursor again gives the same page: resumable
        assertEquals(rest.getList("data.changes.edges.node.id"), feed(admin, cursor, 50, null).getList("data.changes.edges.node.id"));
        // an empty page keeps the cursor
        String end = rest.getString("data.changes.pageInfo.endCursor");
        assertEquals(end, feed(admin, end, 10, null).getString("data.changes.pageInfo.endCursor"));
        assertEquals(List.of("lifecycle.changed"), types(feed(admin, null, 50, List.of("lifecycle.changed"))));
        // partners reading contacts may read the feed; malformed cursors are input errors
        GraphQLClient partner = GraphQLClient.as(Tokens.partner(slug, "contacts:read")).tenant(slug);
        assertEquals(7, types(feed(partner, null, 50, null)).size());
        JsonPath bad = admin.run(FEED, Map.of("after", "bm90LWEtY3Vyc29y"));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(bad));
        assertEquals("after", bad.getString("errors[0].extensions.field"));
    }

    @Test
    void aRolledBackMutationEmitsNothing() {
        String slug = fixtures.createIsolated("chb", null);
        GraphQLClient admin = GraphQLClient.as(Tokens.tenantUser(slug, "crm-admin")).tenant(slug);
        try {
            fixtures.inTenant(slug, connection -> changeLog.record(connection, ChangeTypes.CONTACT_UPDATED, 42, new JsonObject())
                    .chain(() -> Uni.createFrom().failure(new IllegalStateException("the work failed after its change"))));
        } catch (IllegalStateException expected) {
            // rolled back
        }
        // a mutation refused half-way (the email is taken) writes no change either
        String a = CampaignTestSupport.createContact(admin, "Alpha");
        admin.ok("mutation($id: ID!, $i: ContactInput!) { updateContact(id: $id, input: $i) { id } }",
                Map.of("id", a, "i", Map.of("email", "taken@example.com")));
        String b = CampaignTestSupport.createContact(admin, "Beta");
        JsonPath refused = admin.run("mutation($id: ID!, $i: ContactInput!) { updateContact(id: $id, input: $i) { id } }",
                Map.of("id", b, "i", Map.of("email", "taken@example.com")));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(refused));
        JsonPath page = feed(admin, null, 50, null);
        assertEquals(List.of("contact.created", "contact.updated", "contact.created"), types(page));
        assertFalse(page.getList("data.changes.edges.node.subjectId").contains("42"));
    }

    @Test
    void aChangeOfALaterCommittingTransactionIsNeverSkipped() throws Exception {
        String slug = fixtures.createIsolated("cho", null);
        GraphQLClient admin = GraphQLClient.as(Tokens.tenantUser(slug, "crm-admin")).tenant(slug);
        CompletableFuture<Void> gate = new CompletableFuture<>();
        // the older transaction writes its change first and commits last
        CompletableFuture<Void> older = fixtures.inTenantAsync(slug, connection -> changeLog
                .record(connection, ChangeTypes.CONTACT_UPDATED, 1, new JsonObject().put("n", "older"))
                .chain(() -> Uni.createFrom().completionStage(gate)));
        String younger;
        JsonPath before;
        try {
            Thread.sleep(300);
            younger = CampaignTestSupport.createContact(admin, "Younger");
            before = feed(admin, null, 50, null);
        } finally {
            gate.complete(null); // never leave a transaction open: it would hold every feed back
        }
        older.get(10, TimeUnit.SECONDS);
        assertEquals(List.of(), types(before), "nothing is readable while an older transaction may still add a change");
        JsonPath after = feed(admin, before.getString("data.changes.pageInfo.endCursor"), 50, null);
        assertEquals(List.of("contact.updated", "contact.created"), types(after));
        assertEquals(younger, after.getString("data.changes.edges[1].node.subjectId"));
    }

    @Test
    void changesOlderThanTheRetentionArePruned() {
        String slug = fixtures.createIsolated("chp", null);
        GraphQLClient admin = GraphQLClient.as(Tokens.tenantUser(slug, "crm-admin")).tenant(slug);
        String old = CampaignTestSupport.createContact(admin, "Old");
        String recent = CampaignTestSupport.createContact(admin, "Recent");
        fixtures.sql(slug, "update change set at = now() - interval '8 days' where subject_id = " + old);
        assertTrue(pruner.prune().await().indefinitely() >= 1);
        assertEquals(List.of(recent), feed(admin, null, 50, null).getList("data.changes.edges.node.subjectId"));
    }

    @Test
    void identityMutationsAndAMergesStageMoveWriteTheirChanges() {
        String slug = fixtures.createIsolated("chi", null);
        String other = fixtures.createIsolated("chio", null);
        GraphQLClient admin = GraphQLClient.as(Tokens.tenantUser(slug, "crm-admin")).tenant(slug);
        String contact = CampaignTestSupport.createContact(admin, "Linked");
        String identity = admin.ok("mutation($c: ID!, $i: SocialIdentityInput!) { linkSocialIdentity(contactId: $c, input: $i) { id } }",
                Map.of("c", contact, "i", Map.of("network", "X", "handle", "@linked_" + System.nanoTime()))).getString("data.linkSocialIdentity.id");
        admin.ok("mutation($id: ID!) { markInfluencer(identityId: $id, influencer: true) { id } }", Map.of("id", identity));
        admin.ok("mutation($id: ID!) { unlinkSocialIdentity(id: $id) }", Map.of("id", identity));
        // the duplicate is further down the funnel: the survivor moves there, and the move is a lifecycle change
        String survivor = CampaignTestSupport.createContact(admin, "Survivor");
        String duplicate = CampaignTestSupport.createContact(admin, "Duplicate");
        admin.ok("mutation($id: ID!) { moveLifecycleStage(contactId: $id, stage: \"customer\") { id } }", Map.of("id", duplicate));
        String start = feed(admin, null, 50, null).getString("data.changes.pageInfo.endCursor");
        admin.ok("mutation($s: ID!, $d: [ID!]!) { mergeContacts(survivorId: $s, duplicateIds: $d) { id } }",
                Map.of("s", survivor, "d", List.of(duplicate)));

        JsonPath page = feed(admin, null, 50, null);
        assertEquals(List.of("contact.created", "contact.updated", "contact.updated", "contact.updated"), types(page).subList(0, 4));
        assertEquals(List.of(contact, contact, contact), page.getList("data.changes.edges.node.subjectId").subList(1, 4));
        assertEquals(List.of("socialIdentities"), page.getList("data.changes.edges[1].node.data.fields"));
        JsonPath merge = feed(admin, start, 50, null);
        assertEquals(List.of("lifecycle.changed", "contact.merged"), types(merge));
        assertEquals(List.of(survivor, survivor), merge.getList("data.changes.edges.node.subjectId"));
        assertEquals("customer", merge.getString("data.changes.edges[0].node.data.toStage"));
        assertEquals("merge", merge.getString("data.changes.edges[0].node.data.source"));
        // another tenant's feed has none of it
        GraphQLClient otherAdmin = GraphQLClient.as(Tokens.tenantUser(other, "crm-admin")).tenant(other);
        assertEquals(List.of(), types(feed(otherAdmin, null, 50, null)));
    }
}
