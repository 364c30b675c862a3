package org.socialcrm.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

/**
 * Attribution against hand-computed journeys in a fresh tenant (so totals are exact). Each test uses its own time
 * window; touches may lie before the window, only conversions are filtered by it.
 */
@QuarkusTest
class AttributionGraphQLTest {

    static final String REPORT = """
            query($model: AttributionModel!, $campaignId: ID, $from: DateTime, $to: DateTime, $stage: String,
                  $lookback: Int, $halfLife: Float) {
              attribution(model: $model, campaignId: $campaignId, from: $from, to: $to, conversionStage: $stage,
                          lookbackDays: $lookback, halfLifeDays: $halfLife) {
                model totalConversions totalValue
                rows { campaign { id name } channel influencerId influencer { id } conversions value touchpoints } } }""";

    static final OffsetDateTime T1 = OffsetDateTime.parse("2030-01-01T00:00:00Z");
    static final OffsetDateTime T2 = OffsetDateTime.parse("2030-06-01T00:00:00Z");
    static final OffsetDateTime T3 = OffsetDateTime.parse("2030-09-01T00:00:00Z");
    static final double EPS = 1e-9;

    static String slug;
    static GraphQLClient client;
    static String c1;
    static String c2;
    static long i1;

    @Inject
    CampaignTestSupport support;

    @BeforeEach
    void journeys() {
        synchronized (AttributionGraphQLTest.class) {
            if (slug != null) {
                return;
            }
            slug = CampaignTestSupport.freshTenant("attr", List.of("lead", "customer", "advocate"));
            client = CampaignTestSupport.admin(slug);
            c1 = CampaignTestSupport.createCampaign(client, "C1");
            c2 = CampaignTestSupport.createCampaign(client, "C2");
            i1 = support.influencer(slug, "inf-one", "lead");

            // window 1 around T1
            String a = contact("A");
            touch(a, c1, "EMAIL", null, T1, 10);
            touch(a, c1, "SOCIAL", i1, T1, 5);
            touch(a, c2, "PAID_SEARCH", null, T1, 1);
            convert(a, T1, 100.0, null);
            String b = contact("B");
            touch(b, c1, "EMAIL", null, T1, 2);
            convert(b, T1, 50.0, null);
            String c = contact("C");
            touch(c, c2, "SOCIAL", i1, T1, 3);
            touch(c, c1, "EMAIL", null, T1, 1);
            convert(c, T1, 10.0, null);
            String d = contact("D"); // only touch is older than the 90-day lookback
            touch(d, c2, "EMAIL", null, T1, 100);
            convert(d, T1, 1000.0, null);
            String e = contact("E"); // no touch at all
            convert(e, T1, 500.0, null);
            String f = contact("F"); // touched by C2 only
            touch(f, c2, "DISPLAY", null, T1, 1);
            convert(f, T1, 7.0, null);
            // a touch after the conversion never gets credit
            touch(f, c1, "SMS", null, T1, -1);

            // window 2 around T2: one journey of five touches
            String g = contact("G");
            String[] channels = { "EMAIL", "SMS", "PHONE", "EVENT", "REFERRAL" };
            for (int i = 0; i < 5; i++) {
                touch(g, null, channels[i], null, T2, 5 - i);
            }
            convert(g, T2, 10.0, null);

            // window 3 around T3: stage conversions, explicit and lifecycle
            String h = contact("H");
            touch(h, null, "EMAIL", null, T3, 2);
            support.transition(slug, h, "lead", "customer", T3.toString());
            String k = contact("K");
            touch(k, null, "SMS", null, T3, 1);
            convert(k, T3, 20.0, "customer");
            convert(k, T3, 5.0, "lead");
        }
    }

    static String contact(String name) {
        return CampaignTestSupport.createContact(client, name);
    }

    static String touch(String contact, String campaign, String channel, Long influencer, OffsetDateTime base, double daysBefore) {
        return CampaignTestSupport.touch(client, contact, campaign, channel, influencer,
                base.minus(Duration.ofMinutes(Math.round(daysBefore * 1440))).toString());
    }

    static void convert(String contact, OffsetDateTime at, Double value, String stage) {
        CampaignTestSupport.convert(client, contact, at.toString(), value, stage);
    }

    JsonPath report(String model, OffsetDateTime around, Map<String, Object> extra) {
        Map<String, Object> vars = new HashMap<>(extra);
        vars.put("model", model);
        vars.putIfAbsent("from", around.minusDays(1).toString());
        vars.putIfAbsent("to", around.plusDays(1).toString());
        return preciseOk(vars);
    }

    /** Runs the report and reads its numbers as doubles (RestAssured reads JSON numbers as floats by default). */
    static JsonPath preciseOk(Map<String, Object> vars) {
        String body = client.post(REPORT, vars).then().statusCode(200).extract().asString();
        JsonPath json = new JsonPath(body)
                .using(JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
        assertNull(json.get("errors"), body);
        return json;
    }

    /** Rows keyed by "campaign|channel|influencer" ("-" for none): {conversions, value, touchpoints}. */
    static Map<String, double[]> rows(JsonPath json) {
        Map<String, double[]> out = new TreeMap<>();
        List<Map<String, Object>> rows = json.getList("data.attribution.rows");
        for (Map<String, Object> row : rows) {
            @SuppressWarnings("unchecked")
            Map<String, Object> campaign = (Map<String, Object>) row.get("campaign");
            String key = (campaign == null ? "-" : campaign.get("name")) + "|" + row.get("channel") + "|"
                    + (row.get("influencerId") == null ? "-" : "I" + (String.valueOf(row.get("influencerId")).equals(String.valueOf(i1)) ? "1" : "?"));
            @SuppressWarnings("unchecked")
            Map<String, Object> influencer = (Map<String, Object>) row.get("influencer");
            assertEquals(row.get("influencerId"), influencer == null ? null : influencer.get("id"), "influencer object");
            double[] previous = out.put(key, new double[] { ((Number) row.get("conversions")).doubleValue(),
                    ((Number) row.get("value")).doubleValue(), ((Number) row.get("touchpoints")).doubleValue() });
            assertNull(previous, "one row per combination");
        }
        return out;
    }

    static void assertRows(Map<String, double[]> expected, JsonPath json) {
        Map<String, double[]> actual = rows(json);
        assertEquals(expected.keySet(), actual.keySet(), "row keys");
        expected.forEach((key, want) -> {
            double[] got = actual.get(key);
            assertEquals(want[0], got[0], EPS, key + " conversions");
            assertEquals(want[1], got[1], 1e-7, key + " value");
            assertEquals(want[2], got[2], 0, key + " touchpoints");
        });
        double sum = actual.values().stream().mapToDouble(r -> r[0]).sum();
        assertEquals(json.getInt("data.attribution.totalConversions"), sum, EPS, "credits sum to the conversions");
    }

    static Map<String, double[]> expect(Object... keyAndValues) {
        Map<String, double[]> out = new TreeMap<>();
        for (int i = 0; i < keyAndValues.length; i += 4) {
            out.put((String) keyAndValues[i], new double[] { ((Number) keyAndValues[i + 1]).doubleValue(),
                    ((Number) keyAndValues[i + 2]).doubleValue(), ((Number) keyAndValues[i + 3]).doubleValue() });
        }
        return out;
    }

    static void assertTotals(JsonPath json, String model, int conversions, double value) {
        assertEquals(model, json.getString("data.attribution.model"));
        assertEquals(conversions, json.getInt("data.attribution.totalConversions"));
        assertEquals(value, json.getDouble("data.attribution.totalValue"), 1e-9);
    }

    @Test
    void firstAndLastTouch() {
        JsonPath first = report("FIRST_TOUCH", T1, Map.of());
        // D (touch older than 90 days) and E (no touch) get no credit and are not counted
        assertTotals(first, "FIRST_TOUCH", 4, 167);
        assertRows(expect("C1|EMAIL|-", 2, 150, 2, "C2|SOCIAL|I1", 1, 10, 1, "C2|DISPLAY|-", 1, 7, 1), first);

        JsonPath last = report("LAST_TOUCH", T1, Map.of());
        assertTotals(last, "LAST_TOUCH", 4, 167);
        assertRows(expect("C2|PAID_SEARCH|-", 1, 100, 1, "C1|EMAIL|-", 2, 60, 2, "C2|DISPLAY|-", 1, 7, 1), last);

        // a longer lookback reaches D's old touch
        JsonPath longer = report("LAST_TOUCH", T1, Map.of("lookback", 120));
        assertTotals(longer, "LAST_TOUCH", 5, 1167);
        assertEquals(1, rows(longer).get("C2|EMAIL|-")[0], EPS);
        assertEquals(1000, rows(longer).get("C2|EMAIL|-")[1], EPS);
    }

    @Test
    void linearAndCampaignFilter() {
        JsonPath linear = report("LINEAR", T1, Map.of());
        assertTotals(linear, "LINEAR", 4, 167);
        double third = 1.0 / 3;
        assertRows(expect("C1|EMAIL|-", third + 1 + 0.5, 100 * third + 50 + 5, 3,
                "C1|SOCIAL|I1", third, 100 * third, 1,
                "C2|PAID_SEARCH|-", third, 100 * third, 1,
                "C2|SOCIAL|I1", 0.5, 5, 1,
                "C2|DISPLAY|-", 1, 7, 1), linear);

        // only C1's touches count; F (touched by C2 only) is dropped
        JsonPath c1Only = report("LINEAR", T1, Map.of("campaignId", c1));
        assertTotals(c1Only, "LINEAR", 3, 160);
        assertRows(expect("C1|EMAIL|-", 0.5 + 1 + 1, 50 + 50 + 10, 3, "C1|SOCIAL|I1", 0.5, 50, 1), c1Only);
        assertEquals(c1, c1Only.getString("data.attribution.rows[0].campaign.id"));
    }

    @Test
    void positionBased() {
        JsonPath position = report("POSITION_BASED", T1, Map.of());
        assertTotals(position, "POSITION_BASED", 4, 167);
        // A: 40/20/40 over three touches; B: one touch 100%; C: two touches 50/50; F: 100%
        assertRows(expect("C1|EMAIL|-", 0.4 + 1 + 0.5, 40 + 50 + 5, 3,
                "C1|SOCIAL|I1", 0.2, 20, 1,
                "C2|PAID_SEARCH|-", 0.4, 40, 1,
                "C2|SOCIAL|I1", 0.5, 5, 1,
                "C2|DISPLAY|-", 1, 7, 1), position);

        // five touches: the three middle ones share 20%
        JsonPath five = report("POSITION_BASED", T2, Map.of());
        assertTotals(five, "POSITION_BASED", 1, 10);
        double middle = 0.2 / 3;
        assertRows(expect("-|EMAIL|-", 0.4, 4, 1, "-|SMS|-", middle, 10 * middle, 1, "-|PHONE|-", middle, 10 * middle, 1,
                "-|EVENT|-", middle, 10 * middle, 1, "-|REFERRAL|-", 0.4, 4, 1), five);
    }

    @Test
    void timeDecay() {
        // half-life 1 day: weights 2^-age; A ages 10, 5, 1 -> 1, 32, 512 (/545); C ages 3, 1 -> 1/8, 1/2 -> 0.2, 0.8
        JsonPath one = report("TIME_DECAY", T1, Map.of("halfLife", 1.0));
        assertTotals(one, "TIME_DECAY", 4, 167);
        assertRows(expect("C1|EMAIL|-", 1.0 / 545 + 1 + 0.8, 100.0 / 545 + 50 + 8, 3,
                "C1|SOCIAL|I1", 32.0 / 545, 3200.0 / 545, 1,
                "C2|PAID_SEARCH|-", 512.0 / 545, 51200.0 / 545, 1,
                "C2|SOCIAL|I1", 0.2, 2, 1,
                "C2|DISPLAY|-", 1, 7, 1), one);

        // the default half-life of 7 days
        JsonPath seven = report("TIME_DECAY", T1, Map.of());
        double wa1 = Math.pow(2, -10 / 7.0);
        double wa2 = Math.pow(2, -5 / 7.0);
        double wa3 = Math.pow(2, -1 / 7.0);
        double sa = wa1 + wa2 + wa3;
        double wc1 = Math.pow(2, -3 / 7.0);
        double wc2 = Math.pow(2, -1 / 7.0);
        double sc = wc1 + wc2;
        assertRows(expect("C1|EMAIL|-", wa1 / sa + 1 + wc2 / sc, 100 * wa1 / sa + 50 + 10 * wc2 / sc, 3,
                "C1|SOCIAL|I1", wa2 / sa, 100 * wa2 / sa, 1,
                "C2|PAID_SEARCH|-", wa3 / sa, 100 * wa3 / sa, 1,
                "C2|SOCIAL|I1", wc1 / sc, 10 * wc1 / sc, 1,
                "C2|DISPLAY|-", 1, 7, 1), seven);

        // five touches, ages 5..1, half-life 1: 1, 2, 4, 8, 16 (/31)
        JsonPath five = report("TIME_DECAY", T2, Map.of("halfLife", 1.0));
        assertRows(expect("-|EMAIL|-", 1.0 / 31, 10.0 / 31, 1, "-|SMS|-", 2.0 / 31, 20.0 / 31, 1, "-|PHONE|-", 4.0 / 31, 40.0 / 31, 1,
                "-|EVENT|-", 8.0 / 31, 80.0 / 31, 1, "-|REFERRAL|-", 16.0 / 31, 160.0 / 31, 1), five);
        // a tiny half-life does not underflow: the latest touch takes everything
        JsonPath tiny = report("TIME_DECAY", T2, Map.of("halfLife", 0.001));
        assertEquals(1.0, rows(tiny).get("-|REFERRAL|-")[0], EPS);
    }

    @Test
    void conversionStageAddsLifecycleMoves() {
        // H moved into customer (a lifecycle transition, no value); K converted explicitly as customer (20) and lead (5)
        JsonPath customer = report("LAST_TOUCH", T3, Map.of("stage", "customer"));
        assertTotals(customer, "LAST_TOUCH", 2, 20);
        assertRows(expect("-|EMAIL|-", 1, 0, 1, "-|SMS|-", 1, 20, 1), customer);

        JsonPath lead = report("LINEAR", T3, Map.of("stage", "lead"));
        assertTotals(lead, "LINEAR", 1, 5);
        assertRows(expect("-|SMS|-", 1, 5, 1), lead);

        // without a stage: explicit conversions only; K's single touch serves both of its conversions
        JsonPath any = report("FIRST_TOUCH", T3, Map.of());
        assertTotals(any, "FIRST_TOUCH", 2, 25);
        assertRows(expect("-|SMS|-", 2, 25, 1), any);

        // the window excludes everything else
        JsonPath empty = report("LINEAR", T3.plusDays(10), Map.of());
        assertTotals(empty, "LINEAR", 0, 0);
        assertEquals(List.of(), empty.getList("data.attribution.rows"));
    }

    @Test
    void rejectsBadArguments() {
        assertField("conversionStage", Map.of("model", "LINEAR", "stage", "donor"));
        assertField("halfLifeDays", Map.of("model", "TIME_DECAY", "halfLife", 0.0));
        assertField("lookbackDays", Map.of("model", "LINEAR", "lookback", -1));
        assertField("to", Map.of("model", "LINEAR", "from", T2.toString(), "to", T1.toString()));
        assertField("campaignId", Map.of("model", "LINEAR", "campaignId", "x1"));
        JsonPath unknown = client.run(REPORT, Map.of("model", "LINEAR", "campaignId", "999999"));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(unknown));
    }

    private void assertField(String field, Map<String, Object> vars) {
        JsonPath json = client.run(REPORT, vars);
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(json), json.prettify());
        assertEquals(field, json.getString("errors[0].extensions.field"));
    }

    @Test
    void creditsOfEveryConversionSumToOneOverRandomJourneys() {
        OffsetDateTime start = OffsetDateTime.parse("2031-01-01T00:00:00Z");
        OffsetDateTime end = start.plusDays(60);
        Random random = new Random(20261123L);
        long i2 = support.influencer(slug, "inf-random-two", "lead");
        String[] campaigns = { c1, c2, null };
        String[] channels = { "EMAIL", "SMS", "SOCIAL" };
        Long[] influencers = { i1, i2, null };
        List<Journey> journeys = new ArrayList<>();
        for (int n = 0; n < 30; n++) {
            String contact = contact("Random " + n);
            Journey journey = new Journey();
            int touches = random.nextInt(9);
            for (int t = 0; t < touches; t++) {
                // in whole minutes, from 100 days before the window to its end; some share a minute
                OffsetDateTime at = start.minusDays(100).plusMinutes(random.nextInt(160 * 1440 / 60) * 60L);
                String campaign = campaigns[random.nextInt(3)];
                String channel = channels[random.nextInt(3)];
                Long influencer = influencers[random.nextInt(3)];
                String id = CampaignTestSupport.touch(client, contact, campaign, channel, influencer, at.toString());
                journey.touches.add(new Touch(Long.parseLong(id), at, campaign, channel, influencer));
            }
            int conversions = 1 + random.nextInt(2);
            for (int c = 0; c < conversions; c++) {
                OffsetDateTime at = start.plusMinutes(random.nextInt(60 * 1440));
                double value = random.nextInt(10_000) / 100.0;
                convert(contact, at, value, null);
                journey.conversions.add(new Conv(at, value));
            }
            journeys.add(journey);
        }
        Map<String, Object> window = Map.of("from", start.toString(), "to", end.toString());
        for (String model : List.of("FIRST_TOUCH", "LAST_TOUCH", "LINEAR", "TIME_DECAY", "POSITION_BASED")) {
            JsonPath json = preciseOk(with(window, "model", model));
            List<Number> credits = json.getList("data.attribution.rows.conversions");
            double sum = credits.stream().mapToDouble(Number::doubleValue).sum();
            int total = json.getInt("data.attribution.totalConversions");
            assertEquals(total, sum, EPS, model + ": the credits of each conversion sum to 1");

            // and the rows match an independent computation of the model
            Reference reference = Reference.of(model, journeys, 90, 7);
            assertEquals(reference.conversions, total, model + " credited conversions");
            assertTrue(total > 20, "the generated journeys credit most conversions");
            assertEquals(reference.value, json.getDouble("data.attribution.totalValue"), 1e-7, model + " total value");
            List<Map<String, Object>> rows = json.getList("data.attribution.rows");
            assertEquals(reference.rows.size(), rows.size(), model + " rows");
            for (Map<String, Object> row : rows) {
                @SuppressWarnings("unchecked")
                Map<String, Object> campaign = (Map<String, Object>) row.get("campaign");
                String key = (campaign == null ? null : campaign.get("id")) + "|" + row.get("channel") + "|" + row.get("influencerId");
                double[] want = reference.rows.get(key);
                assertTrue(want != null, model + " unexpected row " + key);
                assertEquals(want[0], ((Number) row.get("conversions")).doubleValue(), EPS, model + " " + key);
                assertEquals(want[1], ((Number) row.get("value")).doubleValue(), 1e-7, model + " " + key);
                assertEquals((int) want[2], ((Number) row.get("touchpoints")).intValue(), model + " " + key);
            }
        }
        // the campaign filter keeps the property
        JsonPath filtered = preciseOk(with(with(window, "model", "POSITION_BASED"), "campaignId", c2));
        List<Number> credits = filtered.getList("data.attribution.rows.conversions");
        assertEquals(filtered.getInt("data.attribution.totalConversions"), credits.stream().mapToDouble(Number::doubleValue).sum(), EPS);
        assertFalse(credits.isEmpty());
    }

    static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
        Map<String, Object> out = new HashMap<>(map);
        out.put(key, value);
        return out;
    }

    record Touch(long id, OffsetDateTime at, String campaign, String channel, Long influencer) {
    }

    record Conv(OffsetDateTime at, double value) {
    }

    static final class Journey {
        final List<Touch> touches = new ArrayList<>();
        final List<Conv> conversions = new ArrayList<>();
    }

    /** The models computed one conversion at a time, in plain Java, to compare with the SQL. */
    static final class Reference {
        int conversions;
        double value;
        final Map<String, double[]> rows = new HashMap<>();
        final Map<String, java.util.Set<Long>> touched = new HashMap<>();

        static Reference of(String model, List<Journey> journeys, int lookbackDays, double halfLife) {
            Reference out = new Reference();
            for (Journey journey : journeys) {
                for (Conv conv : journey.conversions) {
                    List<Touch> window = journey.touches.stream()
                            .filter(t -> !t.at().isAfter(conv.at()) && !t.at().isBefore(conv.at().minusDays(lookbackDays)))
                            .sorted(java.util.Comparator.comparing(Touch::at).thenComparingLong(Touch::id)).toList();
                    int n = window.size();
                    if (n == 0) {
                        continue;
                    }
                    out.conversions++;
                    out.value += conv.value();
                    double[] credit = new double[n];
                    switch (model) {
                        case "FIRST_TOUCH" -> credit[0] = 1;
                        case "LAST_TOUCH" -> credit[n - 1] = 1;
                        case "LINEAR" -> java.util.Arrays.fill(credit, 1.0 / n);
                        case "TIME_DECAY" -> {
                            double sum = 0;
                            for (int i = 0; i < n; i++) {
                                double age = Duration.between(window.get(i).at(), conv.at()).toSeconds() / 86400.0;
                                credit[i] = Math.pow(2, -age / halfLife);
                                sum += credit[i];
                            }
                            for (int i = 0; i < n; i++) {
                                credit[i] /= sum;
                            }
                        }
                        default -> {
                            if (n == 1) {
                                credit[0] = 1;
                            } else if (n == 2) {
                                credit[0] = 0.5;
                                credit[1] = 0.5;
                            } else {
                                java.util.Arrays.fill(credit, 0.2 / (n - 2));
                                credit[0] = 0.4;
                                credit[n - 1] = 0.4;
                            }
                        }
                    }
                    for (int i = 0; i < n; i++) {
                        Touch t = window.get(i);
                        if (credit[i] <= 0) {
                            continue;
                        }
                        String key = t.campaign() + "|" + t.channel() + "|" + t.influencer();
                        double[] row = out.rows.computeIfAbsent(key, k -> new double[3]);
                        row[0] += credit[i];
                        row[1] += credit[i] * conv.value();
                        if (out.touched.computeIfAbsent(key, k -> new java.util.HashSet<>()).add(t.id())) {
                            row[2]++;
                        }
                    }
                }
            }
            return out;
        }
    }

    @Test
    void anotherTenantCannotBeReported() {
        // lumen's token with this tenant's header, and this tenant's token with lumen's header, are refused
        GraphQLClient lumenHere = GraphQLClient.as(Tokens.tenantUser("lumen-cosmetics", "crm-admin")).tenant(slug);
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(lumenHere.run(REPORT, Map.of("model", "LINEAR"))));
        GraphQLClient hereAsLumen = GraphQLClient.as(Tokens.tenantUser(slug, "crm-admin")).tenant("lumen-cosmetics");
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(hereAsLumen.run(REPORT, Map.of("model", "LINEAR"))));
        // lumen's campaign id is not this tenant's campaign
        GraphQLClient lumen = GraphQLClient.as(Tokens.tenantUser("lumen-cosmetics", "crm-admin")).tenant("lumen-cosmetics");
        String lumenCampaign = CampaignTestSupport.createCampaign(lumen, "Lumen attribution");
        JsonPath json = client.run(REPORT, Map.of("model", "LINEAR", "campaignId", lumenCampaign));
        if (support.exists(slug, "campaign", lumenCampaign)) {
            assertNull(json.get("errors"));
        } else {
            assertEquals("NOT_FOUND", GraphQLClient.errorCode(json));
        }
    }
}
