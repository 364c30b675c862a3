package org.socialcrm.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

/** influencerImpact on a hand-built case in a fresh tenant. */
@QuarkusTest
class InfluencerImpactGraphQLTest {

    static final String IMPACT = """
            query($to: String!, $fromStage: String, $from: DateTime, $until: DateTime, $first: Int, $segment: ID) {
              influencerImpact(toStage: $to, fromStage: $fromStage, from: $from, to: $until, first: $first, segmentId: $segment) {
                influencerId influencer { id handle } contactsMoved credit medianDaysToMove } }""";
    static final OffsetDateTime T = OffsetDateTime.parse("2031-06-01T00:00:00Z");

    static String slug;
    static GraphQLClient client;
    static long i1;
    static long i2;

    @Inject
    CampaignTestSupport support;

    @BeforeEach
    void moves() {
        synchronized (InfluencerImpactGraphQLTest.class) {
            if (slug != null) {
                return;
            }
            slug = CampaignTestSupport.freshTenant("impact", List.of("lead", "customer", "advocate"));
            client = CampaignTestSupport.admin(slug);
            i1 = support.influencer(slug, "impact-one", "lead");
            i2 = support.influencer(slug, "impact-two", "lead");
            String campaign = CampaignTestSupport.createCampaign(client, "Impact");

            // P: I1 (10d), I2 (4d), I1 (2d) and a touch without influencer (1d); lead -> customer at T
            //    position-based over the three influencer touches: I1 0.4 + 0.4, I2 0.2; last touches 2d (I1), 4d (I2)
            String p = CampaignTestSupport.createContact(client, "Pia Impact");
            touch(p, campaign, i1, 10);
            touch(p, campaign, i2, 4);
            touch(p, null, i1, 2);
            touch(p, campaign, null, 1);
            support.transition(slug, p, "lead", "customer", T.toString());
            // a later move of P, outside the queried window
            support.transition(slug, p, "customer", "customer", T.plusDays(30).toString());
            // Q: I2 (6d); lead -> customer at T: I2 1.0, 6 days
            String q = CampaignTestSupport.createContact(client, "Quinn Impact");
            touch(q, null, i2, 6);
            support.transition(slug, q, "lead", "customer", T.toString());
            // R: I1 (100d, outside the 90 days), I2 (3d), I1 (1d); (none) -> customer at T: 50/50, 3 and 1 days
            String r = CampaignTestSupport.createContact(client, "Rosa Impact");
            touch(r, null, i1, 100);
            touch(r, null, i2, 3);
            touch(r, null, i1, 1);
            support.transition(slug, r, null, "customer", T.toString());
            // S: touched by I1 but moved to advocate, not customer
            String s = CampaignTestSupport.createContact(client, "S");
            touch(s, null, i1, 1);
            support.transition(slug, s, "customer", "advocate", T.toString());
            // U: touched by I1 only after its move
            String u = CampaignTestSupport.createContact(client, "U");
            touch(u, null, i1, -1);
            support.transition(slug, u, "lead", "customer", T.toString());
        }
    }

    static void touch(String contact, String campaign, Long influencer, double daysBefore) {
        CampaignTestSupport.touch(client, contact, campaign, influencer == null ? "EMAIL" : "INFLUENCER", influencer,
                T.minus(Duration.ofMinutes(Math.round(daysBefore * 1440))).toString());
    }

    static JsonPath impact(Map<String, Object> extra) {
        Map<String, Object> vars = new HashMap<>(extra);
        vars.put("to", "customer");
        vars.putIfAbsent("from", T.minusDays(1).toString());
        vars.putIfAbsent("until", T.plusDays(1).toString());
        String body = client.post(IMPACT, vars).then().statusCode(200).extract().asString();
        JsonPath json = new JsonPath(body)
                .using(JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
        assertNull(json.get("errors"), body);
        return json;
    }

    static void assertImpact(JsonPath json, int index, long influencer, int contacts, double credit, double median) {
        String row = "data.influencerImpact[" + index + "].";
        assertEquals(String.valueOf(influencer), json.getString(row + "influencerId"));
        assertEquals(String.valueOf(influencer), json.getString(row + "influencer.id"));
        assertEquals(influencer == i1 ? "impact-one" : "impact-two", json.getString(row + "influencer.handle"));
        assertEquals(contacts, json.getInt(row + "contactsMoved"));
        assertEquals(credit, json.getDouble(row + "credit"), 1e-9);
        assertEquals(median, json.getDouble(row + "medianDaysToMove"), 1e-9);
    }

    @Test
    void fromLeadToCustomer() {
        JsonPath json = impact(Map.of("fromStage", "lead"));
        assertEquals(2, json.getList("data.influencerImpact").size());
        // I2: P 0.2 + Q 1.0, days 4 and 6; I1: P 0.8, 2 days
        assertImpact(json, 0, i2, 2, 1.2, 5);
        assertImpact(json, 1, i1, 1, 0.8, 2);
    }

    @Test
    void intoCustomerFromAnyStage() {
        JsonPath json = impact(Map.of());
        // R adds 0.5 each: I2 days 4, 6, 3; I1 days 2, 1
        assertEquals(2, json.getList("data.influencerImpact").size());
        assertImpact(json, 0, i2, 3, 1.7, 4);
        assertImpact(json, 1, i1, 2, 1.3, 1.5);
        double total = json.getList("data.influencerImpact.credit").stream().mapToDouble(c -> ((Number) c).doubleValue()).sum();
        assertEquals(3.0, total, 1e-9, "each move with influencer touches is shared out completely");

        JsonPath top = impact(Map.of("first", 1));
        assertEquals(1, top.getList("data.influencerImpact").size());
        assertImpact(top, 0, i2, 3, 1.7, 4);

        JsonPath advocate = client.ok("query($s: DateTime) { influencerImpact(toStage: \"advocate\", from: $s) { influencerId contactsMoved credit } }",
                Map.of("s", T.minusDays(1).toString()));
        assertEquals(List.of(String.valueOf(i1)), advocate.getList("data.influencerImpact.influencerId"));

        JsonPath later = impact(Map.of("from", T.plusDays(2).toString(), "until", T.plusDays(40).toString()));
        // P's later move: its influencer touches are 32-40 days old; I2's last is 34 days before, I1's 32
        assertEquals(2, later.getList("data.influencerImpact").size());
        assertImpact(later, 0, i1, 1, 0.8, 32);
        assertImpact(later, 1, i2, 1, 0.2, 34);
    }

    @Test
    void restrictsToASegment() {
        String segment = client.ok("mutation($input: SegmentInput!) { saveSegment(input: $input) { id } }",
                Map.of("input", Map.of("name", "Rosa only", "filter", Map.of("search", "rosa")))).getString("data.saveSegment.id");
        // only R's move: I1 and I2 share it 50/50, last touches 1 and 3 days before; equal credit ranks by id
        JsonPath json = impact(Map.of("segment", segment));
        assertEquals(2, json.getList("data.influencerImpact").size());
        assertImpact(json, 0, i1, 1, 0.5, 1);
        assertImpact(json, 1, i2, 1, 0.5, 3);
        // fromStage lead excludes R's move (it had no previous stage)
        assertEquals(List.of(), impact(Map.of("segment", segment, "fromStage", "lead")).getList("data.influencerImpact"));
        JsonPath unknown = client.run(IMPACT, Map.of("to", "customer", "segment", "999999"));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(unknown));
    }

    @Test
    void rejectsBadArguments() {
        assertField("toStage", Map.of("to", "donor"));
        assertField("fromStage", Map.of("to", "customer", "fromStage", "nope"));
        assertField("first", Map.of("to", "customer", "first", 0));
        assertField("to", Map.of("to", "customer", "from", T.toString(), "until", T.minusDays(1).toString()));
    }

    private void assertField(String field, Map<String, Object> vars) {
        JsonPath json = client.run(IMPACT, vars);
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(json), json.prettify());
        assertEquals(field, json.getString("errors[0].extensions.field"));
    }

    @Test
    void anotherTenantCannotBeAnalysed() {
        GraphQLClient lumenHere = GraphQLClient.as(Tokens.tenantUser("lumen-cosmetics", "crm-admin")).tenant(slug);
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(lumenHere.run(IMPACT, Map.of("to", "customer"))));
        GraphQLClient hereAsGreenway = GraphQLClient.as(Tokens.tenantUser(slug, "crm-admin")).tenant("greenway-2026");
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(hereAsGreenway.run(IMPACT, Map.of("to", "donor"))));
        // greenway's own report never shows this tenant's influencers' numbers
        GraphQLClient greenway = GraphQLClient.as(Tokens.tenantUser("greenway-2026", "crm-admin")).tenant("greenway-2026");
        JsonPath theirs = greenway.ok(IMPACT, Map.of("to", "donor", "from", T.minusDays(1).toString(), "until", T.plusDays(1).toString()));
        assertEquals(List.of(), theirs.getList("data.influencerImpact"));
    }
}
