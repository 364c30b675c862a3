package org.socialcrm.targeting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.socialcrm.targeting.TargetingData.json;
import static org.socialcrm.targeting.TargetingData.members;
import static org.socialcrm.targeting.TargetingData.names;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.TestTenants;
import org.socialcrm.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Segment rules against hand-built data ({@link TargetingData}) with the expected members of every condition. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SegmentRulesTest {

    @Inject
    TenantFixtures fixtures;

    String tenant;
    GraphQLClient admin;
    String k1;
    String k2;
    String eve;
    String model;

    @BeforeEach
    void data() {
        if (tenant != null) {
            return;
        }
        tenant = fixtures.createIsolated("rules", null);
        admin = TestTenants.admin(tenant);
        TargetingData.load(fixtures, tenant);
        k1 = TargetingData.id(fixtures, tenant, "select id from campaign where name = 'K1'");
        k2 = TargetingData.id(fixtures, tenant, "select id from campaign where name = 'K2'");
        eve = TargetingData.id(fixtures, tenant, "select id from social_identity where handle = 'eve'");
        model = TargetingData.id(fixtures, tenant, "select id from score_model");
    }

    Set<String> behavior(String condition) {
        return members(admin, "{'behavior': " + condition + "}");
    }

    @Test
    void everyBehaviourKind() {
        assertEquals(names("Ann", "Ben", "Cat"), behavior("{'kind': 'TOUCHED'}"));
        assertEquals(names("Ann", "Ben"), behavior("{'kind': 'TOUCHED', 'withinDays': 30}"));
        assertEquals(names("Ann", "Cat"), behavior("{'kind': 'TOUCHED', 'campaignId': '" + k1 + "'}"));
        assertEquals(names("Ann"), behavior("{'kind': 'TOUCHED', 'campaignId': '" + k1 + "', 'withinDays': 30}"));
        assertEquals(names("Ann"), behavior("{'kind': 'TOUCHED', 'channel': 'SOCIAL'}"));
        assertEquals(names("Ann"), behavior("{'kind': 'TOUCHED', 'influencerIdentityId': '" + eve + "', 'minCount': 2}"));
        assertEquals(names(), behavior("{'kind': 'TOUCHED', 'influencerIdentityId': '" + eve + "', 'minCount': 3}"));
        assertEquals(names("Ann", "Ben"), behavior("{'kind': 'TOUCHED', 'minCount': 2}"));

        assertEquals(names("Ann", "Dan"), behavior("{'kind': 'CONVERTED'}"));
        assertEquals(names("Ann"), behavior("{'kind': 'CONVERTED', 'withinDays': 30}"));
        assertEquals(names("Ann"), behavior("{'kind': 'CONVERTED', 'stage': 'customer'}"));
        assertEquals(names("Ann"), behavior("{'kind': 'CONVERTED', 'campaignId': '" + k1 + "'}"));

        assertEquals(names("Ben", "Dan"), behavior("{'kind': 'ENTERED_STAGE'}"));
        assertEquals(names("Ben"), behavior("{'kind': 'ENTERED_STAGE', 'stage': 'subscriber'}"));
        assertEquals(names("Dan"), behavior("{'kind': 'ENTERED_STAGE', 'stage': 'customer'}"));
        assertEquals(names(), behavior("{'kind': 'ENTERED_STAGE', 'stage': 'customer', 'withinDays': 30}"));

        assertEquals(names("Ben"), behavior("{'kind': 'CANVASSED'}"));
        assertEquals(names("Ben"), behavior("{'kind': 'CANVASSED', 'campaignId': '" + k2 + "'}"));
        assertEquals(names("Ben"), behavior("{'kind': 'CANVASSED', 'channel': 'PHONE'}"));
        assertEquals(names(), behavior("{'kind': 'CANVASSED', 'channel': 'PHONE', 'withinDays': 30}"));
        assertEquals(names("Ben"), behavior("{'kind': 'CANVASSED', 'minCount': 2}"));

        assertEquals(names("Ann"), behavior("{'kind': 'VOTED', 'election': 'E2026'}"));
        assertEquals(names("Cat"), behavior("{'kind': 'VOTED', 'election': 'E2025', 'withinDays': 1}"));
        // the get-out-the-vote chase list: leads who have not voted yet
        assertEquals(names("Cat"), members(admin, "{'and': [{'filter': {'stageIn': ['lead']}}, {'not': {'behavior': {'kind': 'VOTED', 'election': 'E2026'}}}]}"));
    }

    @Test
    void behaviourArgumentsThatDoNotApplyAreRefusedByPath() {
        refused("{'behavior': {'kind': 'TOUCHED', 'stage': 'lead'}}", "rule.behavior.stage");
        refused("{'behavior': {'kind': 'CONVERTED', 'channel': 'EMAIL'}}", "rule.behavior.channel");
        refused("{'behavior': {'kind': 'CANVASSED', 'channel': 'EMAIL'}}", "rule.behavior.channel");
        refused("{'behavior': {'kind': 'VOTED'}}", "rule.behavior.election");
        refused("{'behavior': {'kind': 'TOUCHED', 'election': 'E'}}", "rule.behavior.election");
        refused("{'behavior': {'kind': 'ENTERED_STAGE', 'stage': 'nope'}}", "rule.behavior.stage");
        refused("{'behavior': {'kind': 'TOUCHED', 'withinDays': 0}}", "rule.behavior.withinDays");
        refused("{'behavior': {'kind': 'TOUCHED', 'minCount': 0}}", "rule.behavior.minCount");
        refused("{'and': [{'filter': {}}, {'not': {'behavior': {'kind': 'TOUCHED', 'campaignId': 'x'}}}]}", "rule.and[1].not.behavior.campaignId");
    }

    @Test
    void nestedAndOrNot() {
        // (vip and not touched in the last 30 days) or canvassed
        assertEquals(names("Ben", "Cat"), members(admin, "{'or': [{'and': [{'filter': {'tagsAny': ['vip']}}, "
                + "{'not': {'behavior': {'kind': 'TOUCHED', 'withinDays': 30}}}]}, {'behavior': {'kind': 'CANVASSED'}}]}"));
        assertEquals(names("Ann", "Ben", "Cat", "Dan", "Eve"), members(admin, "{'or': [{'filter': {'stageIn': ['lead']}}, {'not': {'filter': {'stageIn': ['lead']}}}]}"));
        assertEquals(names("Ann", "Cat"), members(admin, "{'not': {'not': {'filter': {'tagsAny': ['vip']}}}}"));
        // not over a NULL (no support level) counts the contact in
        assertEquals(names("Cat", "Dan", "Eve"), members(admin, "{'not': {'supportLevel': {'min': 2}}}"));
    }

    @Test
    void consentScoreAndSupportLevel() {
        assertEquals(names("Dan"), members(admin, "{'consent': {'channel': 'EMAIL', 'status': 'OPTED_OUT'}}"));
        // Cat's v1 email consent flag counts as OPTED_IN when she has no per-channel preference
        assertEquals(names("Ann", "Cat"), members(admin, "{'consent': {'channel': 'EMAIL', 'status': 'OPTED_IN'}}"));
        assertEquals(names("Ben", "Eve"), members(admin, "{'consent': {'channel': 'EMAIL', 'status': 'UNKNOWN'}}"));
        assertEquals(names("Ann", "Ben", "Cat", "Dan", "Eve"), members(admin, "{'consent': {'channel': 'CANVASS', 'status': 'UNKNOWN'}}"));

        assertEquals(names("Ann", "Ben"), members(admin, "{'score': {'modelId': '" + model + "', 'min': 30}}"));
        assertEquals(names("Dan"), members(admin, "{'score': {'modelId': '" + model + "', 'max': 30}}"));
        assertEquals(names("Ben"), members(admin, "{'score': {'modelId': '" + model + "', 'min': 30, 'max': 50}}"));
        refused("{'score': {'modelId': '" + model + "', 'min': 60, 'max': 50}}", "rule.score.min");

        assertEquals(names("Ann", "Ben"), members(admin, "{'supportLevel': {'min': 2}}"));
        assertEquals(names("Dan"), members(admin, "{'supportLevel': {'max': 1}}"));
        assertEquals(names("Ann"), members(admin, "{'supportLevel': {'min': 4, 'max': 5}}"));
        refused("{'supportLevel': {}}", "rule.supportLevel");
        refused("{'supportLevel': {'min': 6}}", "rule.supportLevel.min");
    }

    Set<String> field(String key, String operator, String value) {
        return members(admin, "{'customField': {'key': '" + key + "', 'operator': '" + operator + "'" + (value == null ? "" : ", 'value': " + value) + "}}");
    }

    @Test
    void everyCustomFieldOperatorTypedByTheDefinitions() {
        assertEquals(names("Ann"), field("age", "EQ", "34"));
        assertEquals(names("Ben", "Dan"), field("age", "NEQ", "34"));
        assertEquals(names("Dan"), field("age", "LT", "34"));
        assertEquals(names("Ann", "Dan"), field("age", "LTE", "34"));
        assertEquals(names("Ben"), field("age", "GT", "34"));
        assertEquals(names("Ann", "Ben"), field("age", "GTE", "34.0"));
        assertEquals(names("Ben", "Dan"), field("age", "IN", "[20, 51]"));
        assertEquals(names("Ann", "Ben", "Dan"), field("age", "IS_SET", null));
        assertEquals(names("Cat", "Eve"), field("age", "IS_NOT_SET", null));

        assertEquals(names("Dan"), field("joined", "GT", "'2024-12-31'"));
        assertEquals(names("Ann"), field("joined", "LT", "'2025-01-01'"));
        assertEquals(names("Ann"), field("joined", "EQ", "'2024-03-01'"));
        assertEquals(names("Ann", "Dan"), field("joined", "IN", "['2024-03-01', '2025-01-10']"));

        assertEquals(names("Ann", "Dan"), field("team", "EQ", "'north'"));
        assertEquals(names("Ben"), field("team", "IN", "['south']"));
        assertEquals(names("Ben"), field("team", "NEQ", "'north'"));
        assertEquals(names("Ann"), field("member", "EQ", "true"));
        assertEquals(names("Ben"), field("member", "EQ", "false"));
        assertEquals(names("Ann"), field("note", "CONTAINS", "'HIK'"));
        assertEquals(names("Ann"), field("note", "EQ", "'Loves hiking'"));

        refused("{'customField': {'key': 'age', 'operator': 'EQ', 'value': 'old'}}", "rule.customField.value");
        refused("{'customField': {'key': 'age', 'operator': 'IN', 'value': 3}}", "rule.customField.value");
        refused("{'customField': {'key': 'team', 'operator': 'EQ', 'value': 'west'}}", "rule.customField.value");
        refused("{'customField': {'key': 'team', 'operator': 'LT', 'value': 'north'}}", "rule.customField.operator");
        refused("{'customField': {'key': 'age', 'operator': 'CONTAINS', 'value': '3'}}", "rule.customField.operator");
        refused("{'customField': {'key': 'joined', 'operator': 'GT', 'value': '31/12/2024'}}", "rule.customField.value");
        refused("{'customField': {'key': 'age', 'operator': 'IS_SET', 'value': 3}}", "rule.customField.value");
        refused("{'customField': {'key': 'nope', 'operator': 'IS_SET'}}", "rule.customField.key");
        refused("{'customField': {'key': 'secret', 'operator': 'IS_SET'}}", "rule.customField.key");
    }

    @Test
    void filterLeavesAndReachableByInRules() {
        assertEquals(names("Ann", "Cat"), members(admin, "{'filter': {'tagsAny': ['vip'], 'country': 'FR'}}"));
        assertEquals(names("Ann"), members(admin, "{'filter': {'tagsAny': ['vip'], 'reachableBy': 'EMAIL'}}"));
        assertEquals(names("Ann", "Ben"), members(admin, "{'filter': {'reachableBy': 'CANVASS'}}"));
        assertEquals(names("Ann", "Cat"), members(admin, "{'filter': {'touchedByCampaign': '" + k1 + "'}}"));
        refused("{'filter': {'stageIn': ['nope']}}", "rule.filter.stageIn");
    }

    @Test
    void exactlyOneMemberPerNodeAndHardLimits() {
        refused("{'and': [{'filter': {}}, {'filter': {}, 'supportLevel': {'min': 1}}]}", "rule.and[1]");
        refused("{}", "rule");
        refused("{'and': []}", "rule.and");
        String deep = "{'filter': {}}";
        for (int i = 0; i < 10; i++) {
            deep = "{'not': " + deep + "}";
        }
        JsonPath tooDeep = admin.run(TargetingData.PREVIEW, Map.of("r", json(deep)));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(tooDeep));
        assertTrue(tooDeep.getString("errors[0].message").contains("10 levels"), tooDeep.prettify());
        StringBuilder wide = new StringBuilder("{'or': [");
        for (int i = 0; i < 200; i++) {
            wide.append(i == 0 ? "" : ", ").append("{'supportLevel': {'min': 1}}");
        }
        JsonPath tooMany = admin.run(TargetingData.PREVIEW, Map.of("r", json(wide.append("]}").toString())));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(tooMany));
        assertTrue(tooMany.getString("errors[0].message").contains("200"), tooMany.prettify());
    }

    @Test
    void savedSegmentsNestWithoutCycles() {
        JsonPath recent = admin.ok(TargetingData.SAVE, Map.of("i", Map.of("name", "Recent", "rule", json("{'behavior': {'kind': 'TOUCHED', 'withinDays': 30}}"))));
        String recentId = recent.getString("data.saveSegment.id");
        assertEquals(2, recent.getInt("data.saveSegment.size"));
        assertEquals("TOUCHED", recent.getString("data.saveSegment.rule.behavior.kind"));
        assertFalse(recent.getBoolean("data.saveSegment.static"));
        assertEquals(Map.of(), recent.getMap("data.saveSegment.filter"));

        JsonPath leads = admin.ok(TargetingData.SAVE, Map.of("i", Map.of("name", "Recent leads", "filter", Map.of("stageIn", List.of("lead")),
                "rule", json("{'inSegment': '" + recentId + "'}"))));
        String leadsId = leads.getString("data.saveSegment.id");
        assertEquals(List.of("Ann"), leads.getList("data.saveSegment.contacts.edges.node.displayName"));
        assertEquals(names("Ann"), members(admin, "{'inSegment': '" + leadsId + "'}"));
        assertEquals(List.of("Ann"), admin.ok("query($s: ID) { contacts(filter: {segmentId: $s}) { edges { node { displayName } } } }",
                Map.of("s", leadsId)).getList("data.contacts.edges.node.displayName"));

        // Recent in Recent leads in Recent: refused, and nothing changes
        JsonPath cycle = admin.run(TargetingData.SAVE, Map.of("i", Map.of("id", recentId, "name", "Recent",
                "rule", json("{'or': [{'behavior': {'kind': 'TOUCHED', 'withinDays': 30}}, {'inSegment': '" + leadsId + "'}]}"))));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(cycle), cycle.prettify());
        assertTrue(cycle.getString("errors[0].extensions.field").startsWith("rule.or[1].inSegment"), cycle.prettify());
        assertTrue(cycle.getString("errors[0].message").contains("cycle"), cycle.prettify());
        JsonPath self = admin.run(TargetingData.SAVE, Map.of("i", Map.of("id", recentId, "name", "Recent", "rule", json("{'inSegment': '" + recentId + "'}"))));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(self), self.prettify());
        assertTrue(self.getString("errors[0].message").contains("cycle"), self.prettify());
        assertEquals("TOUCHED", admin.ok("query($id: ID!) { segment(id: $id) { rule } }", Map.of("id", recentId)).getString("data.segment.rule.behavior.kind"));

        // a segment another one names cannot go
        JsonPath delete = admin.run("mutation($id: ID!) { deleteSegment(id: $id) }", Map.of("id", recentId));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(delete), delete.prettify());
        assertTrue(admin.ok("mutation($id: ID!) { deleteSegment(id: $id) }", Map.of("id", leadsId)).getBoolean("data.deleteSegment"));
        assertTrue(admin.ok("mutation($id: ID!) { deleteSegment(id: $id) }", Map.of("id", recentId)).getBoolean("data.deleteSegment"));
        refusedCode("{'inSegment': '" + recentId + "'}", "NOT_FOUND");
    }

    @Test
    void segmentsSavedBeforeRulesStillWork() {
        // the stored form of a v1 segment: a filter, no rule column value
        fixtures.sql(tenant, "insert into segment (name, filter) values ('Old FR vips', '{\"tagsAny\": [\"vip\"], \"country\": \"FR\"}')");
        String old = TargetingData.id(fixtures, tenant, "select id from segment where name = 'Old FR vips'");
        JsonPath segment = admin.ok("query($id: ID!) { segment(id: $id) { size filter rule static contacts { totalCount } } }", Map.of("id", old));
        assertEquals(2, segment.getInt("data.segment.size"));
        assertEquals(2, segment.getInt("data.segment.contacts.totalCount"));
        assertEquals("FR", segment.getString("data.segment.filter.country"));
        assertNull(segment.get("data.segment.rule"));
        assertFalse(segment.getBoolean("data.segment.static"));
        assertEquals(names("Ann", "Cat"), members(admin, "{'inSegment': '" + old + "'}"));
        assertEquals(names("Cat"), members(admin, "{'and': [{'inSegment': '" + old + "'}, {'not': {'behavior': {'kind': 'TOUCHED', 'withinDays': 30}}}]}"));
    }

    @Test
    void snapshotsFreezeTheMembers() {
        String vips = admin.ok(TargetingData.SAVE, Map.of("i", Map.of("name", "Vips", "rule", json("{'filter': {'tagsAny': ['vip']}}"))))
                .getString("data.saveSegment.id");
        JsonPath snapshot = admin.ok("mutation($id: ID!) { snapshotSegment(id: $id, name: \"Vips frozen\") { id name static size rule } }", Map.of("id", vips));
        String frozen = snapshot.getString("data.snapshotSegment.id");
        assertTrue(snapshot.getBoolean("data.snapshotSegment.static"));
        assertEquals(2, snapshot.getInt("data.snapshotSegment.size"));
        fixtures.sql(tenant, "update contact set tags = '{vip}' where display_name = 'Eve'");
        try {
            assertEquals(3, admin.ok("query($id: ID!) { segment(id: $id) { size } }", Map.of("id", vips)).getInt("data.segment.size"));
            assertEquals(2, admin.ok("query($id: ID!) { segment(id: $id) { size } }", Map.of("id", frozen)).getInt("data.segment.size"));
            assertEquals(names("Ann", "Cat"), members(admin, "{'inSegment': '" + frozen + "'}"));
            JsonPath edit = admin.run(TargetingData.SAVE, Map.of("i", Map.of("id", frozen, "name", "Vips frozen", "filter", Map.of())));
            assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(edit), edit.prettify());
            JsonPath taken = admin.run("mutation($id: ID!) { snapshotSegment(id: $id, name: \"Vips\") { id } }", Map.of("id", vips));
            assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(taken), taken.prettify());
        } finally {
            fixtures.sql(tenant, "update contact set tags = '{}' where display_name = 'Eve'");
        }
    }

    @Test
    void funnelAndInfluencerImpactTakeRuleSegments() {
        String recent = admin.ok(TargetingData.SAVE, Map.of("i", Map.of("name", "Converted lately", "rule",
                json("{'behavior': {'kind': 'CONVERTED', 'withinDays': 30}}")))).getString("data.saveSegment.id");
        JsonPath funnel = admin.ok("query($s: ID) { funnel(segmentId: $s) { stages { stage contacts } } }", Map.of("s", recent));
        List<Integer> counts = funnel.getList("data.funnel.stages.contacts", Integer.class);
        assertEquals(1, counts.stream().mapToInt(Integer::intValue).sum(), funnel.prettify()); // Ann only
        assertEquals(1, funnel.getInt("data.funnel.stages.find { it.stage == 'lead' }.contacts"));
        JsonPath impact = admin.ok("query($s: ID) { influencerImpact(toStage: \"customer\", segmentId: $s) { contactsMoved } }", Map.of("s", recent));
        assertTrue(impact.getList("data.influencerImpact").isEmpty(), impact.prettify());
    }

    @Test
    void aViewerPreviewsAndReadsButCannotSave() {
        GraphQLClient viewer = GraphQLClient.as(Tokens.tenantUser(tenant, "crm-viewer")).tenant(tenant);
        assertEquals(names("Ann", "Cat"), members(viewer, "{'filter': {'tagsAny': ['vip']}}"));
        viewer.ok("{ segments { id rule static size } }");
        JsonPath save = viewer.run(TargetingData.SAVE, Map.of("i", Map.of("name", "Viewer's", "rule", json("{'filter': {}}"))));
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(save), save.prettify());
        String any = admin.ok(TargetingData.SAVE, Map.of("i", Map.of("name", "For viewer", "filter", Map.of()))).getString("data.saveSegment.id");
        JsonPath snapshot = viewer.run("mutation($id: ID!) { snapshotSegment(id: $id, name: \"Viewer snap\") { id } }", Map.of("id", any));
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(snapshot), snapshot.prettify());
        assertEquals(0, Integer.parseInt(TargetingData.id(fixtures, tenant, "select count(*) from segment where name in ('Viewer''s', 'Viewer snap')")));
    }

    @Test
    void anotherTenantsIdsSelectNothing() {
        String other = fixtures.createIsolated("rules-other", null);
        // ids far from this tenant's; setval, not "alter column id restart": Citus refuses that alter table (docs/scale-out.md)
        fixtures.sql(other, "select setval(pg_get_serial_sequence('segment', 'id'), 6999999999), "
                + "setval(pg_get_serial_sequence('score_model', 'id'), 6999999999)");
        TargetingData.load(fixtures, other);
        GraphQLClient otherAdmin = TestTenants.admin(other);
        String foreignSegment = otherAdmin.ok(TargetingData.SAVE, Map.of("i", Map.of("name", "Theirs", "filter", Map.of())))
                .getString("data.saveSegment.id");
        String foreignCampaign = TargetingData.id(fixtures, other, "select id from campaign where name = 'K1'");
        String foreignModel = TargetingData.id(fixtures, other, "select id from score_model");
        String foreignInfluencer = TargetingData.id(fixtures, other, "select id from social_identity where handle = 'eve'");

        refusedCode("{'inSegment': '" + foreignSegment + "'}", "NOT_FOUND");
        JsonPath viaFilter = admin.run("query($s: ID) { contacts(filter: {segmentId: $s}) { totalCount } }", Map.of("s", foreignSegment));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(viaFilter), viaFilter.prettify());
        JsonPath reach = admin.run("query($s: ID!) { segmentReach(segmentId: $s) { reachable } }", Map.of("s", foreignSegment));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(reach), reach.prettify());
        JsonPath snapshot = admin.run("mutation($id: ID!) { snapshotSegment(id: $id, name: \"Stolen\") { id } }", Map.of("id", foreignSegment));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(snapshot), snapshot.prettify());
        JsonPath funnel = admin.run("query($s: ID) { funnel(segmentId: $s) { stages { contacts } } }", Map.of("s", foreignSegment));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(funnel), funnel.prettify());
        JsonPath nested = admin.run(TargetingData.SAVE, Map.of("i", Map.of("name", "Nesting theirs", "rule", json("{'inSegment': '" + foreignSegment + "'}"))));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(nested), nested.prettify());

        assertEquals(names(), behavior("{'kind': 'TOUCHED', 'campaignId': '" + foreignCampaign + "'}"));
        assertEquals(names(), behavior("{'kind': 'TOUCHED', 'influencerIdentityId': '" + foreignInfluencer + "'}"));
        assertEquals(names(), members(admin, "{'score': {'modelId': '" + foreignModel + "'}}"));
        // and the other tenant's own rules see only its own five contacts
        assertEquals(5, otherAdmin.ok(TargetingData.PREVIEW, Map.of("r", json("{'filter': {}}"))).getInt("data.segmentPreview"));
    }

    void refused(String rule, String field) {
        JsonPath answer = admin.run(TargetingData.PREVIEW, Map.of("r", json(rule)));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(answer), answer.prettify());
        assertEquals(field, answer.getString("errors[0].extensions.field"), answer.prettify());
        JsonPath contacts = admin.run(TargetingData.BY_RULE, Map.of("r", json(rule)));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(contacts), contacts.prettify());
        assertEquals("filter." + field, contacts.getString("errors[0].extensions.field"), contacts.prettify());
    }

    void refusedCode(String rule, String code) {
        JsonPath answer = admin.run(TargetingData.PREVIEW, Map.of("r", json(rule)));
        assertEquals(code, GraphQLClient.errorCode(answer), answer.prettify());
    }
}
