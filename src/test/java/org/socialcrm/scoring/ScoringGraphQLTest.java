package org.socialcrm.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.TestTenants;
import org.socialcrm.support.Tokens;

import org.socialcrm.tenancy.TenantDirectory;
import org.socialcrm.tenancy.TenantScope;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import io.restassured.path.json.JsonPath;

/**
 * Score models through the API on generated tenants: LOOKALIKE trained against a stage and a segment, scores with
 * factors on contacts, bad input, crm-viewer confinement and tenant isolation.
 */
@QuarkusTest
class ScoringGraphQLTest {

    static final String SAVE = """
            mutation($input: ScoreModelInput!) { saveScoreModel(input: $input) {
              id name kind targetStage targetSegment { id name } trainedAt quality { auc } rules { points } } }""";
    static final String TRAIN = """
            mutation($id: ID!) { trainScoreModel(id: $id) {
              id trainedAt quality { auc positives negatives features } } }""";
    static final String SCORES = """
            query { contacts(first: 100) { edges { node { id displayName
              scores { model { id name kind } value factors { name contribution } } } } } }""";

    static String slug;
    static String other;
    static GraphQLClient admin;

    @Inject
    TenantFixtures fixtures;
    @Inject
    TenantDirectory directory;
    @Inject
    ScoreScheduler scheduler;

    /**
     * 300 contacts: contact g has g % 5 email touchpoints; it is a volunteer when it has 3 or 4 (every 13th the other
     * way round), so the target depends on email touches; every third has an unrelated SMS touch. Those with 4 email
     * touches are also tagged "vip". A second tenant gets contacts shaped the opposite way.
     */
    @BeforeEach
    void tenants() {
        synchronized (ScoringGraphQLTest.class) {
            if (slug != null) {
                return;
            }
            slug = fixtures.createIsolated("scores", List.of("lead", "supporter", "volunteer"));
            other = fixtures.createIsolated("scores-other", List.of("lead", "supporter", "volunteer"));
            admin = TestTenants.admin(slug);
            generate(slug, false);
            generate(other, true);
            fixtures.restartIds(slug, "score_model", 500000);
            fixtures.restartIds(other, "score_model", 700000);
        }
    }

    private void generate(String tenant, boolean reversed) {
        String volunteer = reversed ? "(g % 5) < 2" : "(g % 5) >= 3";
        fixtures.sql(tenant, """
                insert into contact (display_name, lifecycle_stage, tags)
                select 'C' || g, case when (%s) <> (g %% 13 = 0) then 'volunteer' else 'lead' end,
                       case when g %% 5 = 4 then array['vip'] else '{}' end
                  from generate_series(1, 300) g""".formatted(volunteer));
        fixtures.sql(tenant, """
                insert into touchpoint (contact_id, channel, occurred_at)
                select c.id, 'EMAIL', now() - make_interval(days => s)
                  from contact c cross join generate_series(1, 4) s
                 where s <= substr(c.display_name, 2)::int % 5""");
        fixtures.sql(tenant, """
                insert into touchpoint (contact_id, channel, occurred_at)
                select c.id, 'SMS', now() - interval '3 days' from contact c where substr(c.display_name, 2)::int % 3 = 0""");
    }

    static Map<String, Object> input(Object... pairs) {
        Map<String, Object> input = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            input.put((String) pairs[i], pairs[i + 1]);
        }
        return Map.of("input", input);
    }

    static String save(GraphQLClient client, Object... pairs) {
        return client.ok(SAVE, input(pairs)).getString("data.saveScoreModel.id");
    }

    @Test
    void lookalikeOnAStageLearnsAndScoresEveryContact() {
        String id = save(admin, "name", "Volunteers-like", "kind", "LOOKALIKE", "targetStage", "volunteer");
        JsonPath trained = admin.ok(TRAIN, Map.of("id", id));
        double auc = trained.getDouble("data.trainScoreModel.quality.auc");
        assertTrue(auc >= 0.8, "held-out AUC " + auc);
        int positives = trained.getInt("data.trainScoreModel.quality.positives");
        assertEquals(300, positives + trained.getInt("data.trainScoreModel.quality.negatives"),
                "only this tenant's 300 contacts");
        List<String> features = trained.getList("data.trainScoreModel.quality.features");
        assertEquals("touches:EMAIL", features.get(0), features.toString());
        assertFalse(features.stream().anyMatch(f -> f.startsWith("stage:") || f.equals("entered:volunteer")),
                "nothing that restates the target: " + features);
        assertTrue(trained.getString("data.trainScoreModel.trainedAt") != null);

        JsonPath contacts = admin.ok(SCORES, Map.of());
        List<Map<String, Object>> nodes = contacts.getList("data.contacts.edges.node");
        assertEquals(100, nodes.size());
        double high = 0;
        double low = 0;
        int highs = 0;
        int lows = 0;
        for (Map<String, Object> node : nodes) {
            List<Map<String, Object>> scores = score(node, id);
            assertEquals(1, scores.size(), "one score per model and contact");
            Map<String, Object> score = scores.get(0);
            double value = ((Number) score.get("value")).doubleValue();
            assertTrue(value >= 0 && value <= 100);
            int emails = Integer.parseInt(((String) node.get("displayName")).substring(1)) % 5;
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> factors = (List<Map<String, Object>>) score.get("factors");
            for (int i = 1; i < factors.size(); i++) {
                assertTrue(Math.abs(num(factors.get(i - 1).get("contribution"))) >= Math.abs(num(factors.get(i).get("contribution"))),
                        "largest first: " + factors);
            }
            if (emails == 4) {
                high += value;
                highs++;
                assertEquals("touches:EMAIL", factors.get(0).get("name"), factors.toString());
                assertTrue(num(factors.get(0).get("contribution")) > 0);
            } else if (emails == 0) {
                low += value;
                lows++;
            }
        }
        assertTrue(high / highs > 50 && low / lows < 50 && high / highs > low / lows + 30,
                "4 email touches " + high / highs + ", none " + low / lows);
        JsonPath list = admin.ok("{ scoreModels { id kind targetStage quality { positives } } }", Map.of());
        assertTrue(list.getList("data.scoreModels.id").contains(id));
    }

    @Test
    void lookalikeOnASegment() {
        String segment = admin.ok("mutation($input: SegmentInput!) { saveSegment(input: $input) { id } }",
                Map.of("input", Map.of("name", "VIPs", "filter", Map.of("tagsAny", List.of("vip"))))).getString("data.saveSegment.id");
        JsonPath saved = admin.ok(SAVE, input("name", "VIP-like", "kind", "LOOKALIKE", "targetSegmentId", segment));
        assertEquals(segment, saved.getString("data.saveScoreModel.targetSegment.id"));
        assertEquals("VIPs", saved.getString("data.saveScoreModel.targetSegment.name"));
        assertNull(saved.get("data.saveScoreModel.targetStage"));
        JsonPath trained = admin.ok(TRAIN, Map.of("id", saved.getString("data.saveScoreModel.id")));
        assertEquals(60, trained.getInt("data.trainScoreModel.quality.positives"));
        assertTrue(trained.getDouble("data.trainScoreModel.quality.auc") >= 0.8);
    }

    @Test
    void badInputIsRefusedWithItsField() {
        assertBad("targetSegmentId", input("name", "x", "kind", "LOOKALIKE", "targetSegmentId", "999999"));
        assertBad("targetSegmentId", input("name", "x", "kind", "LOOKALIKE", "targetSegmentId", "1", "targetStage", "lead"));
        assertBad("targetSegmentId", input("name", "x", "kind", "LOOKALIKE"));
        assertBad("targetStage", input("name", "x", "kind", "LOOKALIKE", "targetStage", "donor"));
        assertBad("rules", input("name", "x", "kind", "RULES"));
        assertBad("name", input("name", " ", "kind", "LOOKALIKE", "targetStage", "lead"));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(admin.run(TRAIN, Map.of("id", "999999"))));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(admin.run(SAVE,
                input("id", "999999", "name", "x", "kind", "LOOKALIKE", "targetStage", "lead"))));
        // a target too small to learn from: nothing is written
        String segment = admin.ok("mutation($input: SegmentInput!) { saveSegment(input: $input) { id } }",
                Map.of("input", Map.of("name", "Just one", "filter", Map.of("search", "C299")))).getString("data.saveSegment.id");
        String tiny = save(admin, "name", "Tiny", "kind", "LOOKALIKE", "targetSegmentId", segment);
        JsonPath refused = admin.run(TRAIN, Map.of("id", tiny));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(refused), refused.prettify());
        assertNull(admin.ok("{ scoreModels { id trainedAt } }", Map.of()).getList("data.scoreModels").stream()
                .map(m -> (Map<?, ?>) m).filter(m -> tiny.equals(m.get("id"))).findFirst().orElseThrow().get("trainedAt"));
    }

    private static void assertBad(String field, Map<String, Object> vars) {
        JsonPath json = admin.run(SAVE, vars);
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(json), json.prettify());
        assertEquals(field, json.getString("errors[0].extensions.field"), json.prettify());
    }

    @Test
    void aViewerReadsButCannotSaveOrTrain() {
        String id = save(admin, "name", "Viewer check", "kind", "LOOKALIKE", "targetStage", "volunteer");
        GraphQLClient viewer = GraphQLClient.as(Tokens.tenantUser(slug, "crm-viewer")).tenant(slug);
        assertTrue(viewer.ok("{ scoreModels { id } }", Map.of()).getList("data.scoreModels.id").contains(id));
        viewer.ok(SCORES, Map.of());
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(viewer.run(SAVE,
                input("name", "mine", "kind", "LOOKALIKE", "targetStage", "lead"))));
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(viewer.run(TRAIN, Map.of("id", id))));
        GraphQLClient analyst = GraphQLClient.as(Tokens.tenantUser(slug, "crm-analyst")).tenant(slug);
        analyst.ok(TRAIN, Map.of("id", id));
    }

    @Test
    void anotherTenantsModelsAndContactsAreNeverSeenNorUsed() {
        String mine = save(admin, "name", "Mine", "kind", "LOOKALIKE", "targetStage", "volunteer");
        admin.ok(TRAIN, Map.of("id", mine));
        GraphQLClient theirs = TestTenants.admin(other);
        String theirModel = save(theirs, "name", "Theirs", "kind", "LOOKALIKE", "targetStage", "volunteer");
        JsonPath trained = theirs.ok(TRAIN, Map.of("id", theirModel));
        // their model learned their (reversed) data only: email touches push their score down
        assertEquals(300, trained.getInt("data.trainScoreModel.quality.positives") + trained.getInt("data.trainScoreModel.quality.negatives"));
        List<String> theirList = theirs.ok("{ scoreModels { id } }", Map.of()).getList("data.scoreModels.id");
        assertFalse(theirList.contains(mine));
        assertEquals(List.of(theirModel), theirList);
        // my ids mean nothing there, and their contacts carry only their model's scores
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(theirs.run(TRAIN, Map.of("id", mine))));
        for (Object node : theirs.ok(SCORES, Map.of()).getList("data.contacts.edges.node")) {
            for (Map<String, Object> score : score(castMap(node), null)) {
                assertEquals(theirModel, ((Map<?, ?>) score.get("model")).get("id"));
            }
        }
        // their token on my tenant, and my token on theirs, are refused
        GraphQLClient theirsHere = GraphQLClient.as(Tokens.tenantUser(other, "crm-admin")).tenant(slug);
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(theirsHere.run(TRAIN, Map.of("id", mine))));
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(theirsHere.run("{ scoreModels { id } }", Map.of())));
        // and training mine again never reads their contacts
        assertEquals(300, admin.ok(TRAIN, Map.of("id", mine)).getInt("data.trainScoreModel.quality.positives")
                + admin.ok(TRAIN, Map.of("id", mine)).getInt("data.trainScoreModel.quality.negatives"));
    }

    /** Volunteer: 60; three or more email touches: 50; no SMS touch: -10; capped to 0-100. */
    static final List<Map<String, Object>> RULES = List.of(
            Map.of("rule", Map.of("filter", Map.of("stageIn", List.of("volunteer"))), "points", 60),
            Map.of("rule", Map.of("behavior", Map.of("kind", "TOUCHED", "channel", "EMAIL", "minCount", 3)), "points", 50),
            Map.of("rule", Map.of("not", Map.of("behavior", Map.of("kind", "TOUCHED", "channel", "SMS"))), "points", -10));

    static double expectedRulesScore(int g, int extraEmails) {
        boolean volunteer = (g % 5 >= 3) != (g % 13 == 0);
        double sum = (volunteer ? 60 : 0) + (g % 5 + extraEmails >= 3 ? 50 : 0) + (g % 3 == 0 ? 0 : -10);
        return Math.max(0, Math.min(100, sum));
    }

    @Test
    void rulesModelsScorePointsPerMatchingRuleCappedAndFollowChanges() {
        JsonPath saved = admin.ok(SAVE, input("name", "Engagement points", "kind", "RULES", "rules", RULES));
        String id = saved.getString("data.saveScoreModel.id");
        assertEquals(List.of(60f, 50f, -10f), saved.getList("data.saveScoreModel.rules.points"));
        admin.ok(TRAIN, Map.of("id", id));
        String lowId = null;
        int lowG = -1;
        for (Object node : admin.ok(SCORES, Map.of()).getList("data.contacts.edges.node")) {
            Map<String, Object> contact = castMap(node);
            int g = Integer.parseInt(((String) contact.get("displayName")).substring(1));
            Map<String, Object> score = score(contact, id).get(0);
            assertEquals(expectedRulesScore(g, 0), num(score.get("value")), 1e-9, "contact C" + g);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> factors = (List<Map<String, Object>>) score.get("factors");
            if (g % 5 >= 3 && g % 13 != 0 && g % 3 != 0) {
                assertEquals(List.of("rule 1", "rule 2", "rule 3"), factors.stream().map(f -> f.get("name")).toList());
            }
            if (g % 5 == 2 && g % 3 != 0 && g % 13 != 0 && lowId == null) {
                lowId = (String) contact.get("id");
                lowG = g;
            }
        }
        assertTrue(lowId != null);
        // a change (a third email touch) makes the scheduler recompute the model: rule 2 now matches that contact
        // (its raw sum goes from -10, capped to 0, to 50 - 10)
        TenantScope scope = new TenantScope(directory.bySlug(slug).await().indefinitely().orElseThrow());
        for (int i = 0; i < 10 && scheduler.runDue(scope).await().indefinitely() > 0; i++) {
            // settle every due model first
        }
        org.socialcrm.campaign.CampaignTestSupport.touch(admin, lowId, null, "EMAIL", null, java.time.OffsetDateTime.now().toString());
        double before = scoreOf(id, lowId);
        for (int i = 0; i < 10 && scheduler.runDue(scope).await().indefinitely() > 0; i++) {
            // the change feed moved: RULES models are due
        }
        assertEquals(expectedRulesScore(lowG, 0), before, 1e-9);
        assertEquals(expectedRulesScore(lowG, 1), scoreOf(id, lowId), 1e-9);
        assertTrue(scoreOf(id, lowId) > before);
        // bad rules are refused with their path; points are bounded
        JsonPath bad = admin.run(SAVE, input("name", "Bad", "kind", "RULES", "rules",
                List.of(Map.of("rule", Map.of("filter", Map.of("stageIn", List.of("nope"))), "points", 5))));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(bad), bad.prettify());
        assertTrue(bad.getString("errors[0].extensions.field").startsWith("rules[0].rule"), bad.prettify());
        assertBad("rules[0].points", input("name", "Bad", "kind", "RULES", "rules", List.of(Map.of("rule", RULES.get(0).get("rule"), "points", 1000))));
        assertBad("rules", input("name", "Bad", "kind", "LOOKALIKE", "targetStage", "lead", "rules", RULES));
    }

    private double scoreOf(String model, String contact) {
        return ((Number) fixtures.inTenant(slug, c -> c.preparedQuery("select value from contact_score where model_id = $1 and contact_id = $2")
                .execute(Tuple.of(Long.parseLong(model), Long.parseLong(contact))).map(rows -> rows.iterator().next().getDouble(0)))).doubleValue();
    }

    @Test
    void theSchedulerTrainsDueModelsAndRespectsAnotherReplicasLease() {
        String id = save(admin, "name", "Scheduled", "kind", "LOOKALIKE", "targetStage", "volunteer");
        TenantScope scope = new TenantScope(directory.bySlug(slug).await().indefinitely().orElseThrow());
        for (int i = 0; i < 10 && scheduler.runDue(scope).await().indefinitely() > 0; i++) {
            // runs every due model of the tenant, a few per tick
        }
        Object first = trainedAt(id);
        assertTrue(first != null, "a new model is due at once");
        assertEquals(0, scheduler.runDue(scope).await().indefinitely(), "nothing is due right after training");

        // due again, but another replica holds it: left alone
        fixtures.sql(slug, "update score_model set next_run_at = now() - interval '1 minute', lease_owner = 'other-replica', "
                + "lease_expires_at = now() + interval '1 hour' where id = " + Long.parseLong(id));
        scheduler.runDue(scope).await().indefinitely();
        assertEquals(first, trainedAt(id));
        // the other replica's lease ran out: taken over
        fixtures.sql(slug, "update score_model set lease_expires_at = now() - interval '1 second' where id = " + Long.parseLong(id));
        scheduler.runDue(scope).await().indefinitely();
        assertTrue(!first.equals(trainedAt(id)), "retrained after the lease expired");
        assertEquals(300, ((Number) fixtures.inTenant(slug, c -> c.preparedQuery("select count(*) from contact_score where model_id = $1")
                .execute(Tuple.of(Long.parseLong(id))).map(rows -> rows.iterator().next().getLong(0)))).intValue());
    }

    private Object trainedAt(String id) {
        return fixtures.inTenant(slug, c -> c.preparedQuery("select trained_at::text from score_model where id = $1")
                .execute(Tuple.of(Long.parseLong(id))).map(rows -> rows.iterator().next().getValue(0)));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Object node) {
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> score(Map<String, Object> node, String modelId) {
        List<Map<String, Object>> scores = (List<Map<String, Object>>) node.get("scores");
        return modelId == null ? scores : scores.stream().filter(s -> modelId.equals(((Map<?, ?>) s.get("model")).get("id"))).toList();
    }

    static double num(Object value) {
        return ((Number) value).doubleValue();
    }
}
