package org.socialcrm.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class TouchpointGraphQLTest {

    static final String TOUCH = """
            mutation($input: TouchpointInput!) { recordTouchpoint(input: $input) {
              id channel occurredAt source influencerId influencer { id handle } contact { id displayName } campaign { id name } } }""";
    static final String CONVERT = """
            mutation($input: ConversionInput!) { recordConversion(input: $input) {
              id occurredAt value stage contact { id } campaign { id } } }""";
    static final String TOUCHPOINTS = """
            query($id: ID!, $after: String) { contact(id: $id) { touchpoints(first: 2, after: $after) {
              totalCount edges { cursor node { id channel occurredAt } } pageInfo { hasNextPage endCursor } } } }""";

    final GraphQLClient admin = GraphQLClient.as(Tokens.tenantUser("lumen-cosmetics", "crm-admin")).tenant("lumen-cosmetics");
    final GraphQLClient greenway = GraphQLClient.as(Tokens.tenantUser("greenway-2026", "crm-admin")).tenant("greenway-2026");

    @Inject
    CampaignTestSupport support;

    @Test
    void recordsTouchpointsWithTheirContactCampaignAndSource() {
        String contact = CampaignTestSupport.createContact(admin, "Toucha");
        String campaign = CampaignTestSupport.createCampaign(admin, "Touch campaign");
        long identity = support.influencer("lumen-cosmetics", "touch-inf-" + System.nanoTime(), "subscriber");

        OffsetDateTime before = OffsetDateTime.now().minusSeconds(5);
        JsonPath touched = admin.ok(TOUCH, Map.of("input", Map.of("contactId", contact, "campaignId", campaign,
                "channel", "INFLUENCER", "influencerIdentityId", String.valueOf(identity),
                "source", Map.of("post", "https://example.com/p/1", "likes", 12))));
        assertEquals("INFLUENCER", touched.getString("data.recordTouchpoint.channel"));
        assertEquals(contact, touched.getString("data.recordTouchpoint.contact.id"));
        assertEquals("Toucha", touched.getString("data.recordTouchpoint.contact.displayName"));
        assertEquals("Touch campaign", touched.getString("data.recordTouchpoint.campaign.name"));
        assertEquals(String.valueOf(identity), touched.getString("data.recordTouchpoint.influencerId"));
        assertEquals(String.valueOf(identity), touched.getString("data.recordTouchpoint.influencer.id"));
        assertTrue(touched.getString("data.recordTouchpoint.influencer.handle").startsWith("touch-inf-"));
        assertEquals(12, touched.getInt("data.recordTouchpoint.source.likes"));
        OffsetDateTime occurred = OffsetDateTime.parse(touched.getString("data.recordTouchpoint.occurredAt"));
        assertTrue(occurred.isAfter(before) && occurred.isBefore(OffsetDateTime.now().plusSeconds(5)), "defaults to now");

        JsonPath plain = admin.ok(TOUCH, Map.of("input", Map.of("contactId", contact, "channel", "EMAIL",
                "occurredAt", "2025-12-24T18:30:00+01:00")));
        assertNull(plain.get("data.recordTouchpoint.campaign"));
        assertNull(plain.get("data.recordTouchpoint.influencer"));
        assertNull(plain.get("data.recordTouchpoint.source"));
        assertEquals(OffsetDateTime.parse("2025-12-24T17:30:00Z").toInstant(),
                OffsetDateTime.parse(plain.getString("data.recordTouchpoint.occurredAt")).toInstant());

        JsonPath converted = admin.ok(CONVERT, Map.of("input", Map.of("contactId", contact, "campaignId", campaign,
                "value", 49.9, "stage", "customer", "occurredAt", "2026-01-05T10:00:00Z")));
        assertEquals(49.9, converted.getDouble("data.recordConversion.value"), 1e-9);
        assertEquals("customer", converted.getString("data.recordConversion.stage"));
        assertEquals(contact, converted.getString("data.recordConversion.contact.id"));
        assertEquals(campaign, converted.getString("data.recordConversion.campaign.id"));
        JsonPath bare = admin.ok(CONVERT, Map.of("input", Map.of("contactId", contact)));
        assertNull(bare.get("data.recordConversion.value"));
        assertNull(bare.get("data.recordConversion.stage"));
        assertNotNull(bare.get("data.recordConversion.occurredAt"));

        JsonPath counts = admin.ok("query($id: ID!) { campaign(id: $id) { touchpointCount conversionCount } }", Map.of("id", campaign));
        assertEquals(1, counts.getInt("data.campaign.touchpointCount"));
        assertEquals(1, counts.getInt("data.campaign.conversionCount"));
        Object audited = support.sql("lumen-cosmetics", "select count(*)::int as n from audit_event where action = 'touchpoint.record' "
                + "and target = $1", touched.getString("data.recordTouchpoint.id")).get(0).get("n");
        assertEquals(1, audited);
    }

    @Test
    void rejectsMissingReferencesAndBadInput() {
        String contact = CampaignTestSupport.createContact(admin, "Rejecta");
        assertCode("NOT_FOUND", null, TOUCH, Map.of("contactId", "999999999", "channel", "EMAIL"));
        assertCode("NOT_FOUND", null, TOUCH, Map.of("contactId", contact, "channel", "EMAIL", "campaignId", "999999999"));
        assertCode("NOT_FOUND", null, TOUCH, Map.of("contactId", contact, "channel", "EMAIL", "influencerIdentityId", "999999999"));
        assertCode("BAD_USER_INPUT", "contactId", TOUCH, Map.of("contactId", "abc", "channel", "EMAIL"));
        assertCode("BAD_USER_INPUT", "source", TOUCH, Map.of("contactId", contact, "channel", "EMAIL", "source", List.of(1, 2)));
        assertCode("BAD_USER_INPUT", "source", TOUCH, Map.of("contactId", contact, "channel", "EMAIL",
                "source", Map.of("blob", "x".repeat(8200))));
        // just under 8 KB is accepted
        admin.ok(TOUCH, Map.of("input", Map.of("contactId", contact, "channel", "EMAIL", "source", Map.of("blob", "x".repeat(8000)))));

        assertCode("NOT_FOUND", null, CONVERT, Map.of("contactId", "999999999"));
        assertCode("NOT_FOUND", null, CONVERT, Map.of("contactId", contact, "campaignId", "999999999"));
        // greenway's stages are not lumen's
        assertCode("BAD_USER_INPUT", "stage", CONVERT, Map.of("contactId", contact, "stage", "donor"));
        assertCode("BAD_USER_INPUT", "stage", CONVERT, Map.of("contactId", contact, "stage", "Customer"));
        Object stored = support.sql("lumen-cosmetics", "select count(*)::int as n from touchpoint where contact_id = $1",
                Long.parseLong(contact)).get(0).get("n");
        assertEquals(1, stored, "only the valid touchpoint was written");

        JsonPath viewer = GraphQLClient.as(Tokens.tenantUser("lumen-cosmetics", "crm-viewer")).tenant("lumen-cosmetics")
                .run(TOUCH, Map.of("input", Map.of("contactId", contact, "channel", "EMAIL")));
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(viewer));
        JsonPath partner = GraphQLClient.as(Tokens.partner("lumen-cosmetics", "campaigns:write")).tenant("lumen-cosmetics")
                .run("mutation($input: TouchpointInput!) { recordTouchpoint(input: $input) { id channel } }",
                        Map.of("input", Map.of("contactId", contact, "channel", "SMS")));
        assertNull(partner.get("errors"), partner.prettify());
    }

    private void assertCode(String code, String field, String mutation, Map<String, Object> input) {
        JsonPath json = admin.run(mutation, Map.of("input", input));
        assertEquals(code, GraphQLClient.errorCode(json), json.prettify());
        if (field != null) {
            assertEquals(field, json.getString("errors[0].extensions.field"));
        }
    }

    @Test
    void pagesAContactsTouchpointsLatestFirst() {
        String contact = CampaignTestSupport.createContact(admin, "Pager");
        OffsetDateTime base = OffsetDateTime.parse("2026-02-01T12:00:00Z");
        String[] ids = new String[5];
        for (int i = 0; i < 5; i++) {
            // two touches share a timestamp: the id breaks the tie
            OffsetDateTime at = base.plus(i == 4 ? 3 : i, ChronoUnit.HOURS);
            ids[i] = CampaignTestSupport.touch(admin, contact, null, i % 2 == 0 ? "EMAIL" : "SMS", null, at.toString());
        }
        // latest first: ids[4] and ids[3] (both at +3h, higher id first), then 2, 1, 0
        Map<String, Object> vars = new HashMap<>();
        vars.put("id", contact);
        JsonPath page1 = admin.ok(TOUCHPOINTS, vars);
        assertEquals(5, page1.getInt("data.contact.touchpoints.totalCount"));
        assertEquals(List.of(ids[4], ids[3]), page1.getList("data.contact.touchpoints.edges.node.id"));
        assertTrue(page1.getBoolean("data.contact.touchpoints.pageInfo.hasNextPage"));
        vars.put("after", page1.getString("data.contact.touchpoints.pageInfo.endCursor"));
        JsonPath page2 = admin.ok(TOUCHPOINTS, vars);
        assertEquals(List.of(ids[2], ids[1]), page2.getList("data.contact.touchpoints.edges.node.id"));
        assertTrue(page2.getBoolean("data.contact.touchpoints.pageInfo.hasNextPage"));
        vars.put("after", page2.getString("data.contact.touchpoints.pageInfo.endCursor"));
        JsonPath page3 = admin.ok(TOUCHPOINTS, vars);
        assertEquals(List.of(ids[0]), page3.getList("data.contact.touchpoints.edges.node.id"));
        assertFalse(page3.getBoolean("data.contact.touchpoints.pageInfo.hasNextPage"));

        JsonPath bad = admin.run("query($id: ID!) { contact(id: $id) { touchpoints(after: \"zzz\") { totalCount } } }",
                Map.of("id", contact));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(bad));
    }

    @Test
    void resolvesTouchpointsOfAPageOfContactsTogether() {
        String slug = CampaignTestSupport.freshTenant("tp-batch", List.of("lead", "customer"));
        GraphQLClient client = CampaignTestSupport.admin(slug);
        String a = CampaignTestSupport.createContact(client, "Alpha");
        String b = CampaignTestSupport.createContact(client, "Bravo");
        String c = CampaignTestSupport.createContact(client, "Charlie");
        String campaign = CampaignTestSupport.createCampaign(client, "Batch");
        String a1 = CampaignTestSupport.touch(client, a, campaign, "EMAIL", null, "2026-01-01T00:00:00Z");
        String a2 = CampaignTestSupport.touch(client, a, null, "SMS", null, "2026-01-03T00:00:00Z");
        String a3 = CampaignTestSupport.touch(client, a, campaign, "SOCIAL", null, "2026-01-02T00:00:00Z");
        String b1 = CampaignTestSupport.touch(client, b, campaign, "PHONE", null, "2026-01-01T00:00:00Z");
        JsonPath list = client.ok("""
                { contacts(first: 10, orderBy: NAME_ASC) { edges { node { displayName
                    touchpoints(first: 2) { totalCount pageInfo { hasNextPage } edges { node { id channel contact { displayName }
                      campaign { name } } } } } } } }""");
        assertEquals(List.of("Alpha", "Bravo", "Charlie"), list.getList("data.contacts.edges.node.displayName"));
        assertEquals(List.of(a2, a3), list.getList("data.contacts.edges[0].node.touchpoints.edges.node.id"));
        assertEquals(3, list.getInt("data.contacts.edges[0].node.touchpoints.totalCount"));
        assertTrue(list.getBoolean("data.contacts.edges[0].node.touchpoints.pageInfo.hasNextPage"));
        assertEquals(List.of("Alpha", "Alpha"), list.getList("data.contacts.edges[0].node.touchpoints.edges.node.contact.displayName"));
        assertNull(list.get("data.contacts.edges[0].node.touchpoints.edges[0].node.campaign"));
        assertEquals("Batch", list.getString("data.contacts.edges[0].node.touchpoints.edges[1].node.campaign.name"));
        assertEquals(List.of(b1), list.getList("data.contacts.edges[1].node.touchpoints.edges.node.id"));
        assertFalse(list.getBoolean("data.contacts.edges[1].node.touchpoints.pageInfo.hasNextPage"));
        assertEquals(List.of(), list.getList("data.contacts.edges[2].node.touchpoints.edges"));
        assertEquals(0, list.getInt("data.contacts.edges[2].node.touchpoints.totalCount"));
        assertNull(list.get("data.contacts.edges[2].node.touchpoints.pageInfo.endCursor"));
        assertNotNull(a1);
        assertNotNull(c);
    }

    @Test
    void countsTheTouchpointsEachInfluencerMadeInItsOwnTenantOnly() {
        String slug = CampaignTestSupport.freshTenant("tp-inf", List.of("lead", "customer"));
        String other = CampaignTestSupport.freshTenant("tp-inf-other", List.of("lead", "customer"));
        GraphQLClient client = CampaignTestSupport.admin(slug);
        long busy = support.influencer(slug, "busy", "lead");
        long idle = support.influencer(slug, "idle", "lead");
        String contact = CampaignTestSupport.createContact(client, "Reached");
        CampaignTestSupport.touch(client, contact, null, "INFLUENCER", busy, "2026-01-01T00:00:00Z");
        CampaignTestSupport.touch(client, contact, null, "INFLUENCER", busy, "2026-01-02T00:00:00Z");
        CampaignTestSupport.touch(client, contact, null, "EMAIL", null, "2026-01-03T00:00:00Z");
        // both fresh tenants number their rows from 1: the other tenant's influencer has busy's id
        long twin = support.influencer(other, "twin", "lead");
        assertEquals(busy, twin);

        String roster = "{ influencers(first: 10) { edges { node { id handle touchpointCount } } } }";
        JsonPath mine = client.ok(roster);
        Map<String, Integer> counts = new HashMap<>();
        List<Map<String, Object>> nodes = mine.getList("data.influencers.edges.node");
        nodes.forEach(node -> counts.put((String) node.get("handle"), (Integer) node.get("touchpointCount")));
        assertEquals(Map.of("busy", 2, "idle", 0), counts);
        assertEquals(String.valueOf(idle), mine.getString("data.influencers.edges.find { it.node.handle == 'idle' }.node.id"));

        JsonPath theirs = CampaignTestSupport.admin(other).ok(roster);
        assertEquals(List.of(0), theirs.getList("data.influencers.edges.node.touchpointCount"));
    }

    @Test
    void anotherTenantsContactsAndCampaignsCannotBeTouched() {
        String lumenContact = CampaignTestSupport.createContact(admin, "Lumen person");
        String lumenCampaign = CampaignTestSupport.createCampaign(admin, "Lumen campaign");
        CampaignTestSupport.touch(admin, lumenContact, lumenCampaign, "EMAIL", null, "2026-01-01T00:00:00Z");
        String greenwayContact = CampaignTestSupport.createContact(greenway, "Greenway person");
        // with greenway's own tenant, lumen's ids name greenway's rows or nothing: never lumen's
        JsonPath touch = greenway.run(TOUCH, Map.of("input", Map.of("contactId", lumenContact, "channel", "EMAIL")));
        if (support.exists("greenway-2026", "contact", lumenContact)) {
            assertEquals(lumenContact, touch.getString("data.recordTouchpoint.contact.id"));
            assertFalse("Lumen person".equals(touch.getString("data.recordTouchpoint.contact.displayName")));
        } else {
            assertEquals("NOT_FOUND", GraphQLClient.errorCode(touch));
        }
        JsonPath foreignCampaign = greenway.run(TOUCH, Map.of("input", Map.of("contactId", greenwayContact,
                "campaignId", lumenCampaign, "channel", "EMAIL")));
        if (support.exists("greenway-2026", "campaign", lumenCampaign)) {
            assertFalse("Lumen campaign".equals(foreignCampaign.getString("data.recordTouchpoint.campaign.name")));
        } else {
            assertEquals("NOT_FOUND", GraphQLClient.errorCode(foreignCampaign));
        }
        JsonPath convert = greenway.run(CONVERT, Map.of("input", Map.of("contactId", lumenContact)));
        if (!support.exists("greenway-2026", "contact", lumenContact)) {
            assertEquals("NOT_FOUND", GraphQLClient.errorCode(convert));
        }
        // nothing reached lumen's contact
        Object lumenRows = support.sql("lumen-cosmetics", "select (select count(*) from touchpoint where contact_id = $1) "
                + "+ (select count(*) from conversion where contact_id = $1) as n", Long.parseLong(lumenContact)).get(0).get("n");
        assertEquals(1L, ((Number) lumenRows).longValue());
        // a lumen token with greenway's header is refused
        GraphQLClient lumenAsGreenway = GraphQLClient.as(Tokens.tenantUser("lumen-cosmetics", "crm-admin")).tenant("greenway-2026");
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(lumenAsGreenway.run(TOUCH,
                Map.of("input", Map.of("contactId", greenwayContact, "channel", "EMAIL")))));
        assertEquals(1, admin.ok(TOUCHPOINTS, Map.of("id", lumenContact)).getInt("data.contact.touchpoints.totalCount"));
    }
}
