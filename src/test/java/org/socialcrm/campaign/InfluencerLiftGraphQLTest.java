package org.socialcrm.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.TestTenants;
import org.socialcrm.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * influencerLift on generated data (seed 2026): 3,000 leads; a third touched by influencer A, a third by B, in the
 * three weeks from T. 30% of all leads move to member at a uniformly random time in [T - 10d, T + 90d]; A's touch
 * also moves 35% of its leads within 29 days of it, B's touch nothing. Over a 30-day lookback the planted lift of A
 * is 0.35 x (1 - p0), p0 (about 0.096) being the chance a lead moves on its own within 30 days.
 */
@QuarkusTest
class InfluencerLiftGraphQLTest {

    static final String LIFT = """
            query($to: String!, $fromStage: String, $from: DateTime, $until: DateTime, $lookback: Int, $segment: ID,
                  $campaign: ID, $first: Int) {
              influencerLift(toStage: $to, fromStage: $fromStage, from: $from, to: $until, lookbackDays: $lookback,
                             segmentId: $segment, campaignId: $campaign, first: $first) {
                influencer { id handle } exposed exposedRate baselineRate lift liftLow liftHigh incrementalMoves } }""";
    static final OffsetDateTime T = OffsetDateTime.parse("2031-03-03T00:00:00Z");
    static final long SEED = 2026;
    static final int N = 3000;
    static final double PLANTED = 0.35;

    static String slug;
    static GraphQLClient client;
    static long a;
    static long b;
    /** Ground truth computed while generating: exposed contacts of A and B and how many of them moved in 30 days. */
    static int exposedA;
    static int movedA;
    static int exposedB;
    static int movedB;
    static int exposedAEven;

    @Inject
    TenantFixtures fixtures;
    @Inject
    CampaignTestSupport support;

    @BeforeEach
    void generate() {
        synchronized (InfluencerLiftGraphQLTest.class) {
            if (slug != null) {
                return;
            }
            slug = fixtures.createIsolated("lift", List.of("lead", "supporter", "member"));
            client = TestTenants.admin(slug);
            a = support.influencer(slug, "lift-a", "member");
            b = support.influencer(slug, "lift-b", "member");
            Random random = new Random(SEED);
            List<String> names = new ArrayList<>();
            List<Boolean> even = new ArrayList<>();
            List<String> movedNames = new ArrayList<>();
            List<OffsetDateTime> movedAt = new ArrayList<>();
            List<String> touchNames = new ArrayList<>();
            List<Long> touchBy = new ArrayList<>();
            List<OffsetDateTime> touchAt = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                String name = "L" + i;
                names.add(name);
                even.add(i % 2 == 0);
                OffsetDateTime touch = T.plus(Duration.ofMinutes((long) (random.nextDouble() * 21 * 1440)));
                OffsetDateTime move = random.nextDouble() < 0.3
                        ? T.minusDays(10).plus(Duration.ofMinutes((long) (random.nextDouble() * 100 * 1440))) : null;
                Long influencer = i % 3 == 0 ? Long.valueOf(a) : i % 3 == 1 ? Long.valueOf(b) : null;
                boolean effect = random.nextDouble() < PLANTED;
                if (influencer != null) {
                    touchNames.add(name);
                    touchBy.add(influencer);
                    touchAt.add(touch);
                    boolean eligible = move == null || move.isAfter(touch);
                    if (eligible && influencer.longValue() == a && effect) {
                        OffsetDateTime caused = touch.plus(Duration.ofMinutes((long) ((1 + random.nextDouble() * 28) * 1440)));
                        move = move == null || caused.isBefore(move) ? caused : move;
                    }
                    boolean moved = eligible && move != null && !move.isAfter(touch.plusDays(30));
                    if (eligible && influencer.longValue() == a) {
                        exposedA++;
                        movedA += moved ? 1 : 0;
                        exposedAEven += i % 2 == 0 ? 1 : 0;
                    } else if (eligible) {
                        exposedB++;
                        movedB += moved ? 1 : 0;
                    }
                }
                if (move != null) {
                    movedNames.add(name);
                    movedAt.add(move);
                }
            }
            fixtures.inTenant(slug, c -> c.preparedQuery("""
                    insert into contact (display_name, lifecycle_stage, tags)
                    select n, 'lead', case when e then array['even'] else '{}' end from unnest($1::text[], $2::bool[]) as u(n, e)""")
                    .execute(Tuple.of(names.toArray(String[]::new), even.toArray(Boolean[]::new))));
            fixtures.inTenant(slug, c -> c.preparedQuery("""
                    insert into lifecycle_transition (contact_id, from_stage, to_stage, occurred_at, source)
                    select id, null, 'lead', $1, 'test' from contact where display_name like 'L%'""")
                    .execute(Tuple.of(T.minusDays(100))));
            fixtures.inTenant(slug, c -> c.preparedQuery("""
                    with moved as (
                      insert into lifecycle_transition (contact_id, from_stage, to_stage, occurred_at, source)
                      select c.id, 'lead', 'member', u.at, 'test' from unnest($1::text[], $2::timestamptz[]) as u(n, at)
                        join contact c on c.display_name = u.n
                      returning contact_id)
                    update contact set lifecycle_stage = 'member' where id in (select contact_id from moved)""")
                    .execute(Tuple.of(movedNames.toArray(String[]::new), movedAt.toArray(OffsetDateTime[]::new))));
            fixtures.inTenant(slug, c -> c.preparedQuery("""
                    insert into touchpoint (contact_id, channel, influencer_identity_id, occurred_at)
                    select c.id, 'INFLUENCER', u.i, u.at from unnest($1::text[], $2::bigint[], $3::timestamptz[]) as u(n, i, at)
                      join contact c on c.display_name = u.n""")
                    .execute(Tuple.of(touchNames.toArray(String[]::new), touchBy.toArray(Long[]::new),
                            touchAt.toArray(OffsetDateTime[]::new))));
        }
    }

    static JsonPath lift(Map<String, Object> extra) {
        Map<String, Object> vars = new HashMap<>(extra);
        vars.putIfAbsent("to", "member");
        vars.putIfAbsent("fromStage", "lead");
        vars.putIfAbsent("from", T.toString());
        vars.putIfAbsent("until", T.plusDays(21).toString());
        vars.putIfAbsent("lookback", 30);
        String body = client.post(LIFT, vars).then().statusCode(200).extract().asString();
        JsonPath json = new JsonPath(body).using(JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
        assertNull(json.get("errors"), body);
        return json;
    }

    static Map<String, Object> row(JsonPath json, long influencer) {
        List<Map<String, Object>> rows = json.getList("data.influencerLift");
        return rows.stream().filter(r -> String.valueOf(influencer).equals(((Map<?, ?>) r.get("influencer")).get("id")))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + influencer + " in " + rows));
    }

    static double num(Map<String, Object> row, String key) {
        return ((Number) row.get(key)).doubleValue();
    }

    @Test
    void findsThePlantedEffectWithItsSignAndSize() {
        JsonPath json = lift(Map.of());
        List<Map<String, Object>> rows = json.getList("data.influencerLift");
        assertEquals(2, rows.size());
        Map<String, Object> rowA = rows.get(0);
        assertEquals(String.valueOf(a), ((Map<?, ?>) rowA.get("influencer")).get("id"), "ranked by incremental moves");
        assertEquals("lift-a", ((Map<?, ?>) rowA.get("influencer")).get("handle"));
        assertEquals(exposedA, (int) num(rowA, "exposed"));
        assertEquals((double) movedA / exposedA, num(rowA, "exposedRate"), 1e-9);
        double baseline = num(rowA, "baselineRate");
        assertTrue(baseline > 0.07 && baseline < 0.13, "baseline " + baseline);
        double planted = PLANTED * (1 - baseline);
        assertEquals(num(rowA, "exposedRate") - baseline, num(rowA, "lift"), 1e-9);
        assertTrue(num(rowA, "liftLow") > 0, "right sign: " + rowA);
        assertTrue(num(rowA, "liftLow") <= planted && planted <= num(rowA, "liftHigh"), "planted " + planted + " in " + rowA);
        assertEquals(exposedA * num(rowA, "lift"), num(rowA, "incrementalMoves"), 1e-6);
    }

    @Test
    void noEffectGivesAnIntervalCoveringZero() {
        Map<String, Object> rowB = row(lift(Map.of()), b);
        assertEquals(exposedB, (int) num(rowB, "exposed"));
        assertEquals((double) movedB / exposedB, num(rowB, "exposedRate"), 1e-9);
        assertTrue(num(rowB, "liftLow") < 0 && 0 < num(rowB, "liftHigh"), "B's interval covers 0: " + rowB);
        assertTrue(num(rowB, "liftHigh") - num(rowB, "liftLow") < 0.12, "and is narrow: " + rowB);
    }

    @Test
    void restrictsToASegmentAndACampaign() {
        String segment = client.ok("mutation($input: SegmentInput!) { saveSegment(input: $input) { id } }",
                Map.of("input", Map.of("name", "Even", "filter", Map.of("tagsAny", List.of("even"))))).getString("data.saveSegment.id");
        assertEquals(exposedAEven, (int) num(row(lift(Map.of("segment", segment)), a), "exposed"));
        // no touch belongs to this campaign: nobody is exposed
        String campaign = CampaignTestSupport.createCampaign(client, "Lift campaign");
        assertEquals(List.of(), lift(Map.of("campaign", campaign)).getList("data.influencerLift"));
        // a window before every touch: nobody is exposed either
        assertEquals(List.of(), lift(Map.of("from", T.minusDays(30).toString(), "until", T.minusDays(1).toString()))
                .getList("data.influencerLift"));
        assertEquals(1, lift(Map.of("first", 1)).getList("data.influencerLift").size());
    }

    @Test
    void influencerImpactKeepsWorking() {
        JsonPath impact = client.ok("""
                query($from: DateTime) { influencerImpact(toStage: "member", fromStage: "lead", from: $from) { influencerId contactsMoved } }""",
                Map.of("from", T.toString()));
        assertTrue(impact.getList("data.influencerImpact.influencerId").contains(String.valueOf(a)));
    }

    @Test
    void rejectsBadArguments() {
        assertField("toStage", Map.of("to", "donor"));
        assertField("fromStage", Map.of("fromStage", "nope"));
        assertField("fromStage", Map.of("fromStage", "member"));
        assertField("toStage", Map.of("to", "lead"));
        assertField("lookbackDays", Map.of("lookback", 0));
        assertField("first", Map.of("first", 0));
        assertField("to", Map.of("from", T.toString(), "until", T.minusDays(1).toString()));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(client.run(LIFT, Map.of("to", "member", "campaign", "999999"))));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(client.run(LIFT, Map.of("to", "member", "segment", "999999"))));
    }

    private void assertField(String field, Map<String, Object> vars) {
        Map<String, Object> all = new HashMap<>(vars);
        all.putIfAbsent("to", "member");
        JsonPath json = client.run(LIFT, all);
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(json), json.prettify());
        assertEquals(field, json.getString("errors[0].extensions.field"), json.prettify());
    }

    @Test
    void anotherTenantCannotBeAnalysed() {
        GraphQLClient greenwayHere = GraphQLClient.as(Tokens.tenantUser("greenway-2026", "crm-admin")).tenant(slug);
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(greenwayHere.run(LIFT, Map.of("to", "member"))));
        GraphQLClient greenway = GraphQLClient.as(Tokens.tenantUser("greenway-2026", "crm-admin")).tenant("greenway-2026");
        JsonPath theirs = greenway.ok(LIFT, Map.of("to", "donor", "from", T.toString()));
        assertEquals(List.of(), theirs.getList("data.influencerLift"));
        GraphQLClient viewer = GraphQLClient.as(Tokens.tenantUser(slug, "crm-viewer")).tenant(slug);
        viewer.ok(LIFT, Map.of("to", "member", "fromStage", "lead", "from", T.toString(), "lookback", 30));
    }
}
