package org.socialcrm.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** recordCanvass and offline batches: one transaction, occurredAt order, idempotent by clientId, nothing written on refusal. */
@QuarkusTest
class CanvassTest {

    static final String RECORD = "mutation($i: CanvassInput!) { recordCanvass(input: $i) { id outcome supportLevel answers recordedBy "
            + "occurredAt contact { id supportLevel lifecycleStage } turf { id } } }";
    static final String BATCH = "mutation($i: [CanvassInput!]!) { recordCanvasses(inputs: $i) { id clientId outcome occurredAt } }";

    @Inject
    TenantFixtures fixtures;

    private record Setup(FieldFixture f, String turf, Set<String> own, GraphQLClient worker) {
    }

    private Setup setup(String prefix) {
        FieldFixture f = new FieldFixture(fixtures, prefix);
        String turf = f.admin.ok(FieldWorkTest.CUT, Map.of("s", f.segmentId, "m", 20)).getList("data.cutTurfs.id", String.class).get(0);
        f.admin.ok("mutation($t: ID!) { assignTurf(turfId: $t, assignee: \"walker\") { id } }", Map.of("t", turf));
        return new Setup(f, turf, FieldWorkTest.turfContacts(f, turf), f.fieldWorker("walker"));
    }

    @Test
    void aCanvassWritesTouchpointOutcomeSupportStageAndChangeTogether() {
        Setup s = setup("cv");
        String contact = s.f().id("a1");
        Map<String, Object> input = new HashMap<>(Map.of("contactId", contact, "outcome", "CONTACTED", "supportLevel", 1,
                "answers", Map.of("issue", "housing"), "note", "friendly", "moveToStage", "supporter", "turfId", s.turf()));
        JsonPath result = s.worker().ok(RECORD, Map.of("i", input));
        assertEquals("CONTACTED", result.getString("data.recordCanvass.outcome"));
        assertEquals("walker", result.getString("data.recordCanvass.recordedBy"));
        assertEquals("housing", result.getString("data.recordCanvass.answers.issue"));
        assertEquals(1, result.getInt("data.recordCanvass.contact.supportLevel"));
        assertEquals("supporter", result.getString("data.recordCanvass.contact.lifecycleStage"));
        assertEquals(s.turf(), result.getString("data.recordCanvass.turf.id"));
        assertEquals(1L, count(s, "select count(*) from touchpoint where channel = 'CANVASS' and contact_id = " + contact));
        assertEquals(1L, count(s, "select count(*) from change where type = 'canvass.recorded' and subject_id = " + contact));
        assertEquals(1L, count(s, "select count(*) from lifecycle_transition where source = 'canvass' and contact_id = " + contact));
        JsonPath history = s.f().admin.ok("query($id: ID!) { contact(id: $id) { canvassHistory { id outcome } } }", Map.of("id", contact));
        assertEquals(List.of(result.getString("data.recordCanvass.id")), history.getList("data.contact.canvassHistory.id"));
        JsonPath progress = s.f().admin.ok("query($t: ID!) { turf(id: $t) { progress { doors knocked contacted supporters } "
                + "walkList { visited household { members { id } } } } }", Map.of("t", s.turf()));
        assertEquals(1, progress.getInt("data.turf.progress.knocked"));
        assertEquals(1, progress.getInt("data.turf.progress.contacted"));
        assertEquals(1, progress.getInt("data.turf.progress.supporters"));
        assertEquals(1, progress.getList("data.turf.walkList.visited", Boolean.class).stream().filter(v -> v).count());
    }

    @Test
    void aCanvassWithABadStageOrOutOfReachWritesNothing() {
        Setup s = setup("cvbad");
        String contact = s.f().id("b1");
        long before = writes(s);
        JsonPath bad = s.worker().run(RECORD, Map.of("i", Map.of("contactId", contact, "outcome", "CONTACTED", "supportLevel", 2,
                "moveToStage", "no-such-stage")));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(bad));
        assertEquals("input.moveToStage", bad.getString("errors[0].extensions.field"));
        // a good canvass before a bad one in a batch: nothing of the batch is written
        JsonPath badBatch = s.worker().run(BATCH, Map.of("i", List.of(
                Map.of("contactId", contact, "outcome", "CONTACTED", "supportLevel", 2, "clientId", "ok-1"),
                Map.of("contactId", contact, "outcome", "CONTACTED", "supportLevel", 7, "clientId", "bad-2"))));
        assertEquals("inputs[1].supportLevel", badBatch.getString("errors[0].extensions.field"));
        String outsider = s.f().ids.values().stream().filter(id -> !s.own().contains(id)).findFirst().orElseThrow();
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(s.worker().run(RECORD, Map.of("i", Map.of("contactId", outsider,
                "outcome", "CONTACTED")))));
        // another worker's turf is no reference for this worker, even for its own contact
        String othersTurf = s.f().admin.ok("{ turfs { edges { node { id } } } }").getList("data.turfs.edges.node.id", String.class).stream()
                .filter(t -> !t.equals(s.turf())).findFirst().orElseThrow();
        s.f().admin.ok("mutation($t: ID!) { assignTurf(turfId: $t, assignee: \"other-walker\") { id } }", Map.of("t", othersTurf));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(s.worker().run(RECORD, Map.of("i", Map.of("contactId", contact, "outcome", "CONTACTED",
                "turfId", othersTurf)))));
        // a field worker of another tenant with the same subject: refused here, and this contact is unknown there
        String stranger = fixtures.createIsolated("cvbad-other", FieldFixture.STAGES);
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(GraphQLClient.as(Tokens.user().subject("walker").tenants(stranger).roles("crm-field")
                .sign()).tenant(s.f().slug).run(RECORD, Map.of("i", Map.of("contactId", contact, "outcome", "CONTACTED")))));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(GraphQLClient.as(Tokens.user().subject("walker").tenants(stranger).roles("crm-field")
                .sign()).tenant(stranger).run(RECORD, Map.of("i", Map.of("contactId", contact, "outcome", "CONTACTED")))));
        s.f().admin.ok("mutation($id: ID!) { setChannelPreference(contactId: $id, input: { channel: CANVASS, status: OPTED_OUT }) { id } }",
                Map.of("id", contact));
        long afterPreference = writes(s);
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(s.worker().run(RECORD, Map.of("i", Map.of("contactId", contact,
                "outcome", "REFUSED")))));
        assertEquals(afterPreference, writes(s));
        assertTrue(afterPreference >= before);
        assertEquals(0L, count(s, "select count(*) from canvass"));
        assertNull(s.f().admin.ok("query($id: ID!) { contact(id: $id) { supportLevel } }", Map.of("id", contact))
                .get("data.contact.supportLevel"));
    }

    @Test
    void anOfflineBatchIsAppliedInOccurrenceOrderAndAReplayChangesNothing() {
        Setup s = setup("cvoff");
        String contact = s.f().id("c1");
        OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.UTC).minusHours(3).withNano(0);
        List<Map<String, Object>> batch = new ArrayList<>();
        // sent out of order: the 3rd visit first
        batch.add(Map.of("contactId", contact, "outcome", "CONTACTED", "supportLevel", 2, "moveToStage", "volunteer",
                "occurredAt", t0.plusHours(2).toString(), "clientId", "phone-3"));
        batch.add(Map.of("contactId", contact, "outcome", "CONTACTED", "supportLevel", 4, "moveToStage", "aware",
                "occurredAt", t0.toString(), "clientId", "phone-1"));
        batch.add(Map.of("contactId", contact, "outcome", "NOT_HOME", "occurredAt", t0.plusHours(1).toString(), "clientId", "phone-2"));
        JsonPath first = s.worker().ok(BATCH, Map.of("i", batch));
        List<String> ids = first.getList("data.recordCanvasses.id");
        assertEquals(List.of("phone-3", "phone-1", "phone-2"), first.getList("data.recordCanvasses.clientId"));
        // applied in occurredAt order: ids ascend with time, the latest support level and stage win
        assertTrue(Long.parseLong(ids.get(1)) < Long.parseLong(ids.get(2)) && Long.parseLong(ids.get(2)) < Long.parseLong(ids.get(0)));
        JsonPath contactNow = s.f().admin.ok("query($id: ID!) { contact(id: $id) { supportLevel lifecycleStage } }", Map.of("id", contact));
        assertEquals(2, contactNow.getInt("data.contact.supportLevel"));
        assertEquals("volunteer", contactNow.getString("data.contact.lifecycleStage"));
        // history latest first; changes in the order applied
        assertEquals(List.of(ids.get(0), ids.get(2), ids.get(1)), s.f().admin.ok("query($id: ID!) { contact(id: $id) { canvassHistory { id } } }",
                Map.of("id", contact)).getList("data.contact.canvassHistory.id"));
        assertEquals(List.of(ids.get(1), ids.get(2), ids.get(0)), strings(s, "select data->>'canvassId' from change "
                + "where type = 'canvass.recorded' order by tx_id, id"));

        long writes = writes(s);
        JsonPath replay = s.worker().ok(BATCH, Map.of("i", batch));
        assertEquals(ids, replay.getList("data.recordCanvasses.id"));
        assertEquals(writes, writes(s));
        // a late canvass from another phone, older than what is stored, does not override the newer support level
        s.worker().ok(BATCH, Map.of("i", List.of(Map.of("contactId", contact, "outcome", "CONTACTED", "supportLevel", 5,
                "occurredAt", t0.plusMinutes(30).toString(), "clientId", "tablet-1"))));
        assertEquals(2, s.f().admin.ok("query($id: ID!) { contact(id: $id) { supportLevel } }", Map.of("id", contact))
                .getInt("data.contact.supportLevel"));
    }

    /** Rows that a canvass writes, all tables together. */
    private long writes(Setup s) {
        return count(s, "select (select count(*) from canvass) + (select count(*) from touchpoint) + (select count(*) from change) "
                + "+ (select count(*) from lifecycle_transition) + (select count(*) from contact where support_level is not null)");
    }

    private long count(Setup s, String sql) {
        return fixtures.inTenant(s.f().slug, c -> c.query(sql).execute().map(rows -> rows.iterator().next().getLong(0)));
    }

    private List<String> strings(Setup s, String sql) {
        return fixtures.inTenant(s.f().slug, c -> c.query(sql).execute().map(rows -> {
            List<String> values = new ArrayList<>();
            rows.forEach(row -> values.add(row.getString(0)));
            return values;
        }));
    }
}
