package org.socialcrm.scoring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.TestTenants;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The LOOKALIKE benchmark of issue 20 (run by bench/scoring.sh, not by the test suite: its name does not end in
 * Test). Generates BENCH_CONTACTS (default 100,000) contacts with touchpoints on four channels, canvass answers,
 * identities, stage history and a custom field, a target stage that depends on some of them, then trains through
 * trainScoreModel and reports the phases from the scrm.score.model.phase timers: training (feature extraction + fit)
 * must take < 60 s and scoring every contact (score + write) < 30 s.
 */
@QuarkusTest
class ScoringBench {

    static final int CHUNK = 10_000;

    @Inject
    TenantFixtures fixtures;
    @Inject
    MeterRegistry registry;

    @Test
    void lookalikeOnAHundredThousandContacts() throws IOException {
        int contacts = Integer.parseInt(System.getProperty("bench.contacts", System.getenv().getOrDefault("BENCH_CONTACTS", "100000")));
        String slug = fixtures.createIsolated("scorebench", List.of("lead", "supporter", "volunteer"));
        GraphQLClient admin = TestTenants.admin(slug);
        long generating = System.nanoTime();
        fixtures.sql(slug, "insert into custom_field (key, label, type, choices) values ('donor_tier', 'Donor tier', 'CHOICE', "
                + "array['none', 'small', 'large'])");
        for (int from = 1; from <= contacts; from += CHUNK) {
            int to = Math.min(contacts, from + CHUNK - 1);
            fixtures.sql(slug, """
                    insert into contact (display_name, lifecycle_stage, support_level, custom_fields, created_at)
                    select 'B' || g,
                           case when 1 / (1 + exp(-(-3.0 + 0.7 * ((g * 7) %% 6) + 1.5 * (g %% 4 = 0)::int
                                                   + 1.2 * (g %% 10 = 0 and g %% 3 = 0)::int - 0.8 * (g %% 7 = 0)::int)))
                                     > (abs(hashint4(g)) %% 10000) / 10000.0 then 'volunteer'
                                when g %% 5 < 2 then 'supporter' else 'lead' end,
                           case when g %% 3 = 0 then 1 + g %% 5 end,
                           jsonb_build_object('donor_tier', (array['none', 'small', 'large'])[1 + g %% 3]),
                           now() - make_interval(days => g %% 700)
                      from generate_series(%d, %d) g""".formatted(from, to));
            fixtures.sql(slug, """
                    with src as (
                    select c.id, ch.channel, now() - make_interval(days => (n * 13 + g) %% 200) as occurred_at, ch.source
                      from (select id, substr(display_name, 2)::int as g from contact
                             where display_name like 'B%%' and substr(display_name, 2)::int between %d and %d) c
                      cross join lateral (
                        select 'EMAIL' as channel, null::jsonb as source, s as n from generate_series(1, (c.g * 7) %% 6) s
                        union all select 'SMS', null, s from generate_series(1, (c.g * 11) %% 3) s
                        union all select 'EVENT', null, 1 where c.g %% 4 = 0
                        union all select 'CANVASS', jsonb_build_object('answers', jsonb_build_object(
                                'issue', (array['climate', 'jobs', 'health'])[1 + c.g %% 3], 'yard_sign', c.g %% 2 = 0)), 1
                         where c.g %% 10 = 0) ch)
                    insert into touchpoint (contact_id, channel, occurred_at, source)
                    select id, channel, occurred_at, source from src""".formatted(from, to));
            fixtures.sql(slug, """
                    with src as (select id, created_at from contact
                                  where display_name like 'B%%' and substr(display_name, 2)::int between %d and %d)
                    insert into lifecycle_transition (contact_id, from_stage, to_stage, occurred_at, source)
                    select id, null, 'lead', created_at, 'bench' from src""".formatted(from, to));
            fixtures.sql(slug, """
                    with src as (select id, substr(display_name, 2)::int as g from contact
                                  where display_name like 'B%%' and substr(display_name, 2)::int between %d and %d)
                    insert into social_identity (contact_id, network, handle, handle_normalized, followers, influence_score)
                    select id, 'X', 'b' || g, 'b' || g, g %% 5000, (g %% 100)::float8 from src
                     where g %% 5 = 0""".formatted(from, to));
        }
        fixtures.sql(slug, "analyze");
        double generated = (System.nanoTime() - generating) / 1e9;

        String id = admin.ok("mutation($input: ScoreModelInput!) { saveScoreModel(input: $input) { id } }",
                Map.of("input", Map.of("name", "Bench", "kind", "LOOKALIKE", "targetStage", "volunteer")))
                .getString("data.saveScoreModel.id");
        double[] before = phases();
        long started = System.nanoTime();
        JsonPath trained = admin.ok("mutation($id: ID!) { trainScoreModel(id: $id) { quality { auc positives negatives features } } }",
                Map.of("id", id));
        double total = (System.nanoTime() - started) / 1e9;
        double[] after = phases();
        double extract = after[0] - before[0];
        double fit = after[1] - before[1];
        double score = after[2] - before[2];
        double write = after[3] - before[3];
        String report = String.format(java.util.Locale.ROOT, """
                LOOKALIKE bench: %d contacts (generated in %.1f s), positives %d, negatives %d, held-out AUC %.3f, %d features
                  train (extract %.1f s + fit %.1f s) = %.1f s   (target < 60 s)
                  score all (score %.1f s + write %.1f s) = %.1f s   (target < 30 s)
                  trainScoreModel end to end: %.1f s
                """, contacts, generated, trained.getInt("data.trainScoreModel.quality.positives"),
                trained.getInt("data.trainScoreModel.quality.negatives"), trained.getDouble("data.trainScoreModel.quality.auc"),
                trained.getList("data.trainScoreModel.quality.features").size(), extract, fit, extract + fit, score, write,
                score + write, total);
        System.out.println(report);
        Files.writeString(Path.of("target/scoring-bench.txt"), report);
        assertTrue(extract + fit < 60, report);
        assertTrue(score + write < 30, report);
    }

    private double[] phases() {
        String[] names = { "extract", "fit", "score", "write" };
        double[] out = new double[names.length];
        for (int i = 0; i < names.length; i++) {
            var timer = registry.find("scrm.score.model.phase").tag("phase", names[i]).timer();
            out[i] = timer == null ? 0 : timer.totalTime(TimeUnit.NANOSECONDS) / 1e9;
        }
        return out;
    }
}
