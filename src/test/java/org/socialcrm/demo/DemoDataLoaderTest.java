package org.socialcrm.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.TestTenants;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Issue 14, point 9: the demo files load through the import pipeline and tell their story in the reports. */
@QuarkusTest
class DemoDataLoaderTest {

    static final List<String> LUMEN_STAGES = List.of("subscriber", "lead", "marketing_qualified_lead", "sales_qualified_lead", "opportunity",
            "customer", "evangelist");
    static final Path LUMEN = Path.of("dev/demo/lumen-cosmetics");

    @Inject
    TenantFixtures fixtures;

    @Inject
    DemoDataLoader loader;

    long count(String slug, String sql) {
        return fixtures.inTenant(slug, c -> c.query(sql).execute().map(r -> r.iterator().next().getLong(0)));
    }

    long lines(String file) throws Exception {
        return Files.readAllLines(LUMEN.resolve(file)).size() - 1;
    }

    @Test
    void theDemoFilesLoadThroughTheImportsAndTheReportsAnswerWithTheirStory() throws Exception {
        String slug = fixtures.createIsolated("demo", LUMEN_STAGES);
        String untouched = fixtures.createIsolated("demo-other", LUMEN_STAGES);
        assertTrue(loader.load(slug, LUMEN).isPresent());

        long contacts = count(slug, "select count(*) from contact");
        assertEquals(lines("contacts.csv"), contacts);
        // every row went through the import jobs, none rejected
        assertEquals(3, count(slug, "select count(*) from import_job where status = 'SUCCEEDED' and created_by = 'demo-seeder'"));
        assertEquals(0, count(slug, "select coalesce(sum(rejected), 0) from import_job"));
        // the v2 profile: every person has an emails list, most a phone, many an identity, with consent per channel
        assertEquals(contacts, count(slug, "select count(distinct contact_id) from contact_email where is_primary"));
        assertTrue(count(slug, "select count(*) from contact_phone where e164 like '+1%'") > contacts / 2);
        assertTrue(count(slug, "select count(*) from contact where latitude is not null and postal_code is not null") == contacts);
        assertTrue(count(slug, "select count(*) from social_identity") > contacts / 3);
        assertTrue(count(slug, "select count(*) from channel_preference where status = 'OPTED_OUT'") > 0);
        assertTrue(count(slug, "select count(*) from metric_point") > 1000);
        assertEquals(lines("touchpoints.csv"), count(slug, "select count(*) from touchpoint"));
        assertEquals(lines("conversions.csv"), count(slug, "select count(*) from conversion"));
        assertEquals(lines("transitions.csv"), count(slug, "select count(*) from lifecycle_transition where occurred_at < now() - interval '1 day'"));
        assertEquals(0, count(slug, "select count(*) from touchpoint t join contact c on c.id = t.contact_id where c.do_not_contact"));

        GraphQLClient admin = TestTenants.admin(slug);
        JsonPath impact = admin.ok("{ influencerImpact(toStage: \"marketing_qualified_lead\", first: 3) { influencer { handle } contactsMoved } }",
                Map.of());
        List<String> top = impact.getList("data.influencerImpact.influencer.handle");
        assertEquals(Set.of("chloeglows", "ravireviews", "sofiaskin"), Set.copyOf(top), impact.prettify());
        assertTrue(impact.getInt("data.influencerImpact[0].contactsMoved") > 50, impact.prettify());
        JsonPath funnel = admin.ok("{ funnel { stages { stage contacts entered } } }", Map.of());
        assertTrue(funnel.getInt("data.funnel.stages.find { it.stage == 'customer' }.entered") > 50, funnel.prettify());
        JsonPath attribution = admin.ok("{ attribution(model: LINEAR, conversionStage: \"customer\") { totalConversions rows { channel } } }",
                Map.of());
        assertTrue(attribution.getInt("data.attribution.totalConversions") > 50, attribution.prettify());
        JsonPath roster = admin.ok("{ influencers(first: 20) { edges { node { handle } } } }", Map.of());
        assertTrue(roster.getList("data.influencers.edges.node.handle").containsAll(top), roster.prettify());
        // once only, and only into the tenant it was meant for
        assertTrue(loader.load(slug, LUMEN).isEmpty());
        assertEquals(contacts, count(slug, "select count(*) from contact"));
        assertEquals(0, count(untouched, "select count(*) from contact") + count(untouched, "select count(*) from touchpoint"));
    }
}
