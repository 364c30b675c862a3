package org.socialcrm.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.TestTenants;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class LifecycleGraphQLTest {

    static final String TENANT = "lumen-cosmetics";
    static final String MOVE = """
            mutation($id: ID!, $stage: String!, $campaignId: ID, $note: String) {
              moveLifecycleStage(contactId: $id, stage: $stage, campaignId: $campaignId, note: $note) {
                id lifecycleStage updatedAt } }""";
    static final String HISTORY = """
            query($id: ID!) { contact(id: $id) { lifecycleStage lifecycleHistory {
              id fromStage toStage occurredAt source note contact { id } } } }""";

    final GraphQLClient admin = GraphQLClient.as(Tokens.tenantUser(TENANT, "crm-admin")).tenant(TENANT);

    @Inject
    TenantFixtures tenants;
    @Inject
    LifecycleHistory history;

    static String createContact(GraphQLClient client, String name) {
        return client.ok("mutation($input: ContactInput!) { createContact(input: $input) { id } }",
                Map.of("input", Map.of("firstName", name, "tags", List.of(),
                        "email", name.toLowerCase() + "-" + Long.toString(System.nanoTime(), 36) + "@example.com")))
                .getString("data.createContact.id");
    }

    static Map<String, Object> move(String id, String stage, String campaignId, String note) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("id", id);
        vars.put("stage", stage);
        vars.put("campaignId", campaignId);
        vars.put("note", note);
        return vars;
    }

    @Test
    void listsTheTenantsOrderedStages() {
        JsonPath lumen = admin.ok("{ lifecycleStages { key label position } }");
        assertEquals(List.of("subscriber", "lead", "marketing_qualified_lead", "sales_qualified_lead", "opportunity", "customer",
                "evangelist"), lumen.getList("data.lifecycleStages.key"));
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), lumen.getList("data.lifecycleStages.position"));
        assertEquals("Marketing qualified lead", lumen.getString("data.lifecycleStages[2].label"));

        GraphQLClient greenway = GraphQLClient.as(Tokens.tenantUser("greenway-2026", "crm-viewer")).tenant("greenway-2026");
        assertEquals(List.of("unaware", "aware", "supporter", "volunteer", "donor", "advocate"),
                greenway.ok("{ lifecycleStages { key } }").getList("data.lifecycleStages.key"));
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(
                GraphQLClient.as(Tokens.tenantUser(TENANT, "crm-admin")).tenant("greenway-2026").run("{ lifecycleStages { key } }")));
    }

    @Test
    void movesForwardAndBackwardAndKeepsHistoryInOrder() {
        String id = createContact(admin, "Mover");
        String createdUpdatedAt = admin.ok("query($id: ID!) { contact(id: $id) { updatedAt } }", Map.of("id", id))
                .getString("data.contact.updatedAt");
        JsonPath moved = admin.ok(MOVE, move(id, "lead", null, null));
        assertEquals("lead", moved.getString("data.moveLifecycleStage.lifecycleStage"));
        assertNotEquals(createdUpdatedAt, moved.getString("data.moveLifecycleStage.updatedAt"));
        admin.ok(MOVE, move(id, "customer", null, "signed the contract"));
        admin.ok(MOVE, move(id, "lead", null, "downgraded"));

        JsonPath read = admin.ok(HISTORY, Map.of("id", id));
        assertEquals("lead", read.getString("data.contact.lifecycleStage"));
        // createContact records the initial stage (source 'created'), then come the moves
        assertEquals(java.util.Arrays.asList(null, "subscriber", "lead", "customer"), read.getList("data.contact.lifecycleHistory.fromStage"));
        assertEquals(List.of("subscriber", "lead", "customer", "lead"), read.getList("data.contact.lifecycleHistory.toStage"));
        assertEquals(java.util.Arrays.asList(null, null, "signed the contract", "downgraded"), read.getList("data.contact.lifecycleHistory.note"));
        assertEquals(List.of("created", "api", "api", "api"), read.getList("data.contact.lifecycleHistory.source"));
        assertEquals(List.of(id, id, id, id), read.getList("data.contact.lifecycleHistory.contact.id"));
        List<String> at = read.getList("data.contact.lifecycleHistory.occurredAt");
        List<String> sorted = at.stream().sorted((x, y) -> java.time.OffsetDateTime.parse(x).compareTo(java.time.OffsetDateTime.parse(y))).toList();
        assertEquals(sorted, at);

        // refusals change nothing
        JsonPath same = admin.run(MOVE, move(id, "lead", null, null));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(same));
        assertEquals("stage", same.getString("errors[0].extensions.field"));
        JsonPath unknown = admin.run(MOVE, move(id, "unaware", null, null));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(unknown), "another tenant's stage");
        assertEquals("stage", unknown.getString("errors[0].extensions.field"));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(admin.run(MOVE, move(id, "customer", "999999999", null))));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(admin.run(MOVE, move("999999999", "customer", null, null))));
        JsonPath after = admin.ok(HISTORY, Map.of("id", id));
        assertEquals("lead", after.getString("data.contact.lifecycleStage"));
        assertEquals(4, after.getList("data.contact.lifecycleHistory").size());

        // a viewer may not move contacts
        GraphQLClient viewer = GraphQLClient.as(Tokens.tenantUser(TENANT, "crm-viewer")).tenant(TENANT);
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(viewer.run(MOVE, move(id, "customer", null, null))));
    }

    @Test
    void movesWithACampaignAndRecordsTheInitialStage() {
        String slug = tenants.createIsolated("lcc", List.of("visitor", "lead", "customer"));
        GraphQLClient own = TestTenants.admin(slug);
        // a contact written without createContact (an import, say): its initial stage is recorded explicitly
        String id = tenants.inTenant(slug, c -> c.query("insert into contact (display_name, lifecycle_stage) values ('Camper', 'visitor') "
                + "returning id").execute().map(rows -> rows.iterator().next().getLong(0).toString()));
        long contactId = Long.parseLong(id);
        tenants.inTenant(slug, c -> history.recordInitial(c, contactId, "visitor"));
        String campaign = tenants.inTenant(slug, c -> c.query("insert into campaign (name) values ('Spring') returning id").execute()
                .map(rows -> rows.iterator().next().getLong(0).toString()));
        own.ok(MOVE, move(id, "customer", campaign, null));
        JsonPath read = own.ok(HISTORY, Map.of("id", id));
        assertEquals(java.util.Arrays.asList(null, "visitor"), read.getList("data.contact.lifecycleHistory.fromStage"));
        assertEquals(List.of("visitor", "customer"), read.getList("data.contact.lifecycleHistory.toStage"));
        Long stored = tenants.inTenant(slug, c -> c.query("select campaign_id from lifecycle_transition where to_stage = 'customer'")
                .execute().map(rows -> rows.iterator().next().getLong(0)));
        assertEquals(Long.parseLong(campaign), stored);
        Long audited = tenants.inTenant(slug, c -> c.query("select count(*) from audit_event where action = 'contact.moveLifecycleStage' "
                + "and target = '" + id + "'").execute().map(rows -> rows.iterator().next().getLong(0)));
        assertEquals(1L, audited);

        // lumen cannot move this tenant's contact, neither by naming the tenant nor by using the id at home
        GraphQLClient trespasser = GraphQLClient.as(Tokens.tenantUser(TENANT, "crm-admin")).tenant(slug);
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(trespasser.run(MOVE, move(id, "lead", null, null))));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(admin.run(MOVE, move(id, "lead", null, null))));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(admin.run(MOVE,
                move(createContact(admin, "Home"), "lead", campaign, null))), "another tenant's campaign");
        assertNull(admin.ok(HISTORY, Map.of("id", id)).get("data.contact"));
    }

    @Test
    void funnelOverAHandBuiltHistory() {
        String slug = tenants.createIsolated("lcf", List.of("visitor", "lead", "customer", "advocate"));
        GraphQLClient own = TestTenants.admin(slug);
        tenants.sql(slug, """
                insert into contact (display_name, lifecycle_stage, tags) values
                  ('c1', 'customer', '{seg}'), ('c2', 'lead', '{}'), ('c3', 'customer', '{}'), ('c4', 'visitor', '{}'),
                  ('c5', 'lead', '{seg}');
                insert into campaign (name) values ('K');
                insert into lifecycle_transition (contact_id, from_stage, to_stage, occurred_at, campaign_id)
                select (select id from contact where display_name = v.who), v.from_stage, v.to_stage,
                       timestamptz '2026-01-01 00:00:00+00' + v.days * interval '1 day',
                       case when v.k then (select id from campaign where name = 'K') end
                from (values
                  ('c1', null, 'visitor', 0, false), ('c1', 'visitor', 'lead', 2, false), ('c1', 'lead', 'customer', 6, false),
                  ('c2', null, 'visitor', 0, false), ('c2', 'visitor', 'lead', 4, false),
                  ('c3', null, 'visitor', 1, false), ('c3', 'visitor', 'customer', 11, true),
                  ('c4', null, 'visitor', 10, false),
                  ('c5', 'visitor', 'lead', 20, false), ('c5', 'lead', 'visitor', 21, false), ('c5', 'visitor', 'lead', 25, true)
                ) as v(who, from_stage, to_stage, days, k);
                """);
        String query = """
                query($from: DateTime, $to: DateTime, $campaignId: ID) { funnel(from: $from, to: $to, campaignId: $campaignId) {
                  stages { stage contacts entered conversionToNext medianDaysInStage } } }""";

        JsonPath all = own.ok(query, new HashMap<>());
        assertEquals(List.of("visitor", "lead", "customer", "advocate"), all.getList("data.funnel.stages.stage"));
        assertEquals(List.of(1, 2, 2, 0), all.getList("data.funnel.stages.contacts"));
        assertEquals(List.of(5, 3, 2, 0), all.getList("data.funnel.stages.entered"));
        assertStage(all, 0, 0.8, 4.0);
        assertStage(all, 1, 1 / 3.0, 2.5);
        assertStage(all, 2, 0.0, null);
        assertStage(all, 3, null, null);

        Map<String, Object> window = new HashMap<>();
        window.put("from", "2026-01-06T00:00:00Z");
        window.put("to", "2026-01-31T00:00:00Z");
        JsonPath windowed = own.ok(query, window);
        assertEquals(List.of(1, 2, 2, 0), windowed.getList("data.funnel.stages.contacts"), "a snapshot, whatever the window");
        assertEquals(List.of(2, 1, 2, 0), windowed.getList("data.funnel.stages.entered"));
        assertStage(windowed, 0, 0.5, 4.0);
        assertStage(windowed, 1, 0.0, 1.0);
        assertStage(windowed, 2, 0.0, null);

        String k = tenants.inTenant(slug, c -> c.query("select id from campaign where name = 'K'").execute()
                .map(rows -> rows.iterator().next().getLong(0).toString()));
        Map<String, Object> byCampaign = new HashMap<>();
        byCampaign.put("campaignId", k);
        JsonPath campaign = own.ok(query, byCampaign);
        assertEquals(List.of(0, 1, 1, 0), campaign.getList("data.funnel.stages.contacts"));
        assertEquals(List.of(0, 1, 1, 0), campaign.getList("data.funnel.stages.entered"));
        assertStage(campaign, 0, null, null);
        assertStage(campaign, 1, 0.0, null);
        assertStage(campaign, 2, 0.0, null);

        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(own.run(
                "{ funnel(from: \"2026-02-01T00:00:00Z\", to: \"2026-01-01T00:00:00Z\") { stages { stage } } }")));
        // within a segment (tag 'seg': c1 and c5), every number counts its members only
        String segment = own.ok("mutation($input: SegmentInput!) { saveSegment(input: $input) { id } }",
                Map.of("input", Map.of("name", "seg", "filter", Map.of("tagsAny", List.of("seg"))))).getString("data.saveSegment.id");
        Map<String, Object> bySegment = new HashMap<>();
        bySegment.put("segmentId", segment);
        JsonPath segmented = own.ok(query.replace("$campaignId: ID)", "$campaignId: ID, $segmentId: ID)")
                .replace("campaignId: $campaignId)", "campaignId: $campaignId, segmentId: $segmentId)"), bySegment);
        assertEquals(List.of(0, 1, 1, 0), segmented.getList("data.funnel.stages.contacts"));
        assertEquals(List.of(2, 2, 1, 0), segmented.getList("data.funnel.stages.entered"));
        assertStage(segmented, 0, 1.0, 3.0);
        assertStage(segmented, 1, 0.5, 2.5);
        assertStage(segmented, 2, 0.0, null);
        assertStage(segmented, 3, null, null);
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(own.run("{ funnel(segmentId: \"999999999\") { stages { stage } } }")));

        // lumen may not read this tenant's funnel
        GraphQLClient trespasser = GraphQLClient.as(Tokens.tenantUser(TENANT, "crm-admin")).tenant(slug);
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(trespasser.run("{ funnel { stages { stage } } }")));
    }

    private static void assertStage(JsonPath json, int index, Double conversion, Double medianDays) {
        Object actualConversion = json.get("data.funnel.stages[" + index + "].conversionToNext");
        Object actualMedian = json.get("data.funnel.stages[" + index + "].medianDaysInStage");
        if (conversion == null) {
            assertNull(actualConversion, "conversion of stage " + index);
        } else {
            assertEquals(conversion, ((Number) actualConversion).doubleValue(), 1e-6, "conversion of stage " + index);
        }
        if (medianDays == null) {
            assertNull(actualMedian, "median of stage " + index);
        } else {
            assertEquals(medianDays, ((Number) actualMedian).doubleValue(), 1e-6, "median of stage " + index);
        }
    }
}
