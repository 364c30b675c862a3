package org.socialcrm.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
class CampaignGraphQLTest {

    static final String CREATE = """
            mutation($input: CampaignInput!) { createCampaign(input: $input) {
              id name status channel startsAt endsAt budget touchpointCount conversionCount } }""";
    static final String UPDATE = """
            mutation($id: ID!, $input: CampaignInput!) { updateCampaign(id: $id, input: $input) {
              id name status channel startsAt endsAt budget } }""";

    final GraphQLClient admin = GraphQLClient.as(Tokens.tenantUser("lumen-cosmetics", "crm-admin")).tenant("lumen-cosmetics");
    final GraphQLClient greenway = GraphQLClient.as(Tokens.tenantUser("greenway-2026", "crm-admin")).tenant("greenway-2026");

    @Inject
    CampaignTestSupport support;

    @Test
    void createsReadsAndUpdatesACampaign() {
        JsonPath created = admin.ok(CREATE, Map.of("input", Map.of("name", "  Spring glow  ", "channel", "SOCIAL",
                "startsAt", "2026-03-01T00:00:00Z", "endsAt", "2026-03-31T00:00:00Z", "budget", 1500.5)));
        String id = created.getString("data.createCampaign.id");
        assertEquals("Spring glow", created.getString("data.createCampaign.name"));
        assertEquals("DRAFT", created.getString("data.createCampaign.status"));
        assertEquals("SOCIAL", created.getString("data.createCampaign.channel"));
        assertEquals(1500.5, created.getDouble("data.createCampaign.budget"), 1e-9);
        assertEquals(0, created.getInt("data.createCampaign.touchpointCount"));

        JsonPath updated = admin.ok(UPDATE, Map.of("id", id, "input", Map.of("name", "Spring glow 2", "status", "ACTIVE")));
        assertEquals("Spring glow 2", updated.getString("data.updateCampaign.name"));
        assertEquals("ACTIVE", updated.getString("data.updateCampaign.status"));
        // fields left out keep their value
        assertEquals("SOCIAL", updated.getString("data.updateCampaign.channel"));
        assertEquals(1500.5, updated.getDouble("data.updateCampaign.budget"), 1e-9);
        assertNotNull(updated.getString("data.updateCampaign.startsAt"));

        JsonPath read = admin.ok("query($id: ID!) { campaign(id: $id) { id name status } }", Map.of("id", id));
        assertEquals("Spring glow 2", read.getString("data.campaign.name"));
        assertNull(admin.ok("{ campaign(id: \"999999999\") { id } }").get("data.campaign"));
        assertNull(admin.ok("{ campaign(id: \"nope\") { id } }").get("data.campaign"));

        Object audited = support.sql("lumen-cosmetics", "select count(*)::int as n from audit_event "
                + "where action in ('campaign.create', 'campaign.update') and target = $1", id).get(0).get("n");
        assertEquals(2, audited);
    }

    @Test
    void validationNamesTheField() {
        assertField("name", Map.of("name", "   "));
        assertField("name", Map.of("name", "x".repeat(201)));
        assertField("endsAt", Map.of("name", "Backwards", "startsAt", "2026-05-02T00:00:00Z", "endsAt", "2026-05-01T00:00:00Z"));
        assertField("budget", Map.of("name", "Negative", "budget", -1));
        // exactly 200 characters and endsAt == startsAt are fine
        admin.ok(CREATE, Map.of("input", Map.of("name", "y".repeat(200), "startsAt", "2026-05-01T00:00:00Z",
                "endsAt", "2026-05-01T00:00:00Z", "budget", 0)));

        String id = admin.ok(CREATE, Map.of("input", Map.of("name", "Valid", "startsAt", "2026-06-10T00:00:00Z")))
                .getString("data.createCampaign.id");
        // the merged campaign is checked: an endsAt before the stored startsAt fails
        JsonPath bad = admin.run(UPDATE, Map.of("id", id, "input", Map.of("name", "Valid", "endsAt", "2026-06-01T00:00:00Z")));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(bad));
        assertEquals("endsAt", bad.getString("errors[0].extensions.field"));
        JsonPath missing = admin.run(UPDATE, Map.of("id", "999999999", "input", Map.of("name", "Ghost")));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(missing));

        JsonPath viewer = GraphQLClient.as(Tokens.tenantUser("lumen-cosmetics", "crm-viewer")).tenant("lumen-cosmetics")
                .run(CREATE, Map.of("input", Map.of("name", "Viewer may not")));
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(viewer));
    }

    private void assertField(String field, Map<String, Object> input) {
        JsonPath json = admin.run(CREATE, Map.of("input", input));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(json), json.prettify());
        assertEquals(field, json.getString("errors[0].extensions.field"));
        assertNull(json.get("data.createCampaign"));
    }

    @Test
    void listsPagesByStatusWithCounts() {
        String slug = CampaignTestSupport.freshTenant("cmp-list", List.of("lead", "customer"));
        GraphQLClient client = CampaignTestSupport.admin(slug);
        String[] ids = new String[5];
        for (int i = 0; i < 5; i++) {
            ids[i] = client.ok(CREATE, Map.of("input", Map.of("name", "C" + i, "status", i % 2 == 0 ? "ACTIVE" : "PAUSED")))
                    .getString("data.createCampaign.id");
        }
        String contact = CampaignTestSupport.createContact(client, "Counted");
        CampaignTestSupport.touch(client, contact, ids[4], "EMAIL", null, "2026-01-01T00:00:00Z");
        CampaignTestSupport.touch(client, contact, ids[4], "SMS", null, "2026-01-02T00:00:00Z");
        CampaignTestSupport.touch(client, contact, ids[2], "SMS", null, "2026-01-02T00:00:00Z");
        CampaignTestSupport.convert(client, contact, "2026-01-03T00:00:00Z", 10.0, null);
        client.ok("mutation($input: ConversionInput!) { recordConversion(input: $input) { id } }",
                Map.of("input", Map.of("contactId", contact, "campaignId", ids[4])));
        // counts kept from erased contacts are added
        support.sql(slug, "update campaign set erased_touchpoints = 7, erased_conversions = 3 where id = $1", Long.parseLong(ids[2]));

        String page = """
                query($after: String, $status: CampaignStatus) { campaigns(first: 2, after: $after, status: $status) {
                  totalCount edges { cursor node { id name touchpointCount conversionCount } } pageInfo { hasNextPage endCursor } } }""";
        Map<String, Object> vars = new HashMap<>();
        JsonPath first = client.ok(page, vars);
        assertEquals(5, first.getInt("data.campaigns.totalCount"));
        assertEquals(List.of(ids[4], ids[3]), first.getList("data.campaigns.edges.node.id"));
        assertEquals(List.of(2, 0), first.getList("data.campaigns.edges.node.touchpointCount"));
        assertEquals(List.of(1, 0), first.getList("data.campaigns.edges.node.conversionCount"));
        assertTrue(first.getBoolean("data.campaigns.pageInfo.hasNextPage"));

        vars.put("after", first.getString("data.campaigns.pageInfo.endCursor"));
        JsonPath second = client.ok(page, vars);
        assertEquals(List.of(ids[2], ids[1]), second.getList("data.campaigns.edges.node.id"));
        assertEquals(List.of(8, 0), second.getList("data.campaigns.edges.node.touchpointCount"));
        assertEquals(List.of(3, 0), second.getList("data.campaigns.edges.node.conversionCount"));

        vars.put("after", second.getString("data.campaigns.pageInfo.endCursor"));
        JsonPath third = client.ok(page, vars);
        assertEquals(List.of(ids[0]), third.getList("data.campaigns.edges.node.id"));
        assertFalse(third.getBoolean("data.campaigns.pageInfo.hasNextPage"));

        JsonPath active = client.ok("{ campaigns(status: ACTIVE) { totalCount edges { node { id status } } } }");
        assertEquals(3, active.getInt("data.campaigns.totalCount"));
        assertEquals(List.of(ids[4], ids[2], ids[0]), active.getList("data.campaigns.edges.node.id"));

        JsonPath badCursor = client.run("{ campaigns(after: \"garbage\") { edges { cursor } } }");
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(badCursor));
        JsonPath tooMany = client.run("{ campaigns(first: 201) { edges { cursor } } }");
        assertEquals("first", tooMany.getString("errors[0].extensions.field"));
    }

    @Test
    void lifecycleTransitionsShowTheirCampaign() {
        String campaign = CampaignTestSupport.createCampaign(admin, "Moves people");
        String contact = CampaignTestSupport.createContact(admin, "Mover");
        JsonPath moved = admin.ok("""
                mutation($c: ID!, $k: ID) { moveLifecycleStage(contactId: $c, stage: "lead", campaignId: $k) {
                  lifecycleHistory { toStage campaign { id name } } } }""", Map.of("c", contact, "k", campaign));
        List<Map<String, Object>> history = moved.getList("data.moveLifecycleStage.lifecycleHistory");
        Map<String, Object> last = history.get(history.size() - 1);
        assertEquals("lead", last.get("toStage"));
        assertEquals(Map.of("id", campaign, "name", "Moves people"), last.get("campaign"));
        if (history.size() > 1) {
            assertNull(history.get(0).get("campaign"));
        }
    }

    @Test
    void countsSurviveTheErasureOfContacts() {
        String touched = CampaignTestSupport.createCampaign(admin, "Erasure-proof touches");
        String converted = CampaignTestSupport.createCampaign(admin, "Erasure-proof conversions");
        String kept = CampaignTestSupport.createContact(admin, "Kept");
        String erased = CampaignTestSupport.createContact(admin, "Erased");
        CampaignTestSupport.touch(admin, kept, touched, "EMAIL", null, "2026-01-01T00:00:00Z");
        CampaignTestSupport.touch(admin, erased, touched, "EMAIL", null, "2026-01-01T00:00:00Z");
        CampaignTestSupport.touch(admin, erased, touched, "SMS", null, "2026-01-02T00:00:00Z");
        admin.ok("mutation($input: ConversionInput!) { recordConversion(input: $input) { id } }",
                Map.of("input", Map.of("contactId", erased, "campaignId", converted)));
        String counts = "query($a: ID!, $b: ID!) { a: campaign(id: $a) { touchpointCount conversionCount } "
                + "b: campaign(id: $b) { touchpointCount conversionCount } }";
        Map<String, Object> ids = Map.of("a", touched, "b", converted);
        assertEquals(3, admin.ok(counts, ids).getInt("data.a.touchpointCount"));
        admin.ok("mutation($id: ID!) { eraseContact(id: $id) }", Map.of("id", erased));
        JsonPath after = admin.ok(counts, ids);
        assertEquals(3, after.getInt("data.a.touchpointCount"));
        assertEquals(1, after.getInt("data.b.conversionCount"));
        Object live = support.sql("lumen-cosmetics", "select count(*)::int as n from touchpoint where campaign_id = $1",
                Long.parseLong(touched)).get(0).get("n");
        assertEquals(1, live, "the erased contact's touchpoints are gone");
    }

    @Test
    void countsSurviveTheErasureOfAContactWithTouchesAndConversionsOnOneCampaign() {
        String campaign = CampaignTestSupport.createCampaign(admin, "Erasure-proof both");
        String erased = CampaignTestSupport.createContact(admin, "Erased both");
        CampaignTestSupport.touch(admin, erased, campaign, "EMAIL", null, "2026-01-01T00:00:00Z");
        admin.ok("mutation($input: ConversionInput!) { recordConversion(input: $input) { id } }",
                Map.of("input", Map.of("contactId", erased, "campaignId", campaign)));
        admin.ok("mutation($id: ID!) { eraseContact(id: $id) }", Map.of("id", erased));
        JsonPath after = admin.ok("query($id: ID!) { campaign(id: $id) { touchpointCount conversionCount } }",
                Map.of("id", campaign));
        assertEquals(1, after.getInt("data.campaign.touchpointCount"));
        assertEquals(1, after.getInt("data.campaign.conversionCount"));
    }

    @Test
    void anotherTenantsCampaignsStayInvisible() {
        String lumenCampaign = admin.ok(CREATE, Map.of("input", Map.of("name", "Lumen only")))
                .getString("data.createCampaign.id");
        // greenway's own tenant does not see lumen's campaign: the id names greenway's own row or nothing
        JsonPath read = greenway.ok("query($id: ID!) { campaign(id: $id) { id name } }", Map.of("id", lumenCampaign));
        if (support.exists("greenway-2026", "campaign", lumenCampaign)) {
            assertFalse("Lumen only".equals(read.getString("data.campaign.name")));
        } else {
            assertNull(read.get("data.campaign"));
            JsonPath update = greenway.run(UPDATE, Map.of("id", lumenCampaign, "input", Map.of("name", "Hijack")));
            assertEquals("NOT_FOUND", GraphQLClient.errorCode(update));
        }
        assertEquals("Lumen only", admin.ok("query($id: ID!) { campaign(id: $id) { name } }", Map.of("id", lumenCampaign))
                .getString("data.campaign.name"));
        // a lumen token with greenway's header is refused
        GraphQLClient lumenAsGreenway = GraphQLClient.as(Tokens.tenantUser("lumen-cosmetics", "crm-admin")).tenant("greenway-2026");
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(lumenAsGreenway.run("{ campaigns { edges { node { id } } } }")));
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(lumenAsGreenway.run(CREATE, Map.of("input", Map.of("name", "x")))));
    }
}
