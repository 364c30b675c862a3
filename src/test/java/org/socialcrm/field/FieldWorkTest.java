package org.socialcrm.field;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialcrm.profile.importing.ImportWorker;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Households, turfs and what a field worker sees, through the API as clients call it. */
@QuarkusTest
class FieldWorkTest {

    static final String CUT = "mutation($s: ID!, $m: Int!) { cutTurfs(segmentId: $s, maxDoors: $m, namePrefix: \"North\") "
            + "{ id name doors contacts walkList { position metersFromPrevious visited household { id members { id } } } } }";
    static final String CONTACTS = "{ contacts(first: 100) { totalCount edges { node { id } } } }";

    @Inject
    TenantFixtures fixtures;
    @Inject
    ImportWorker importWorker;

    @Test
    void householdsJoinContactsAtTheSameNormalisedAddress() {
        FieldFixture f = new FieldFixture(fixtures, "hh");
        JsonPath households = f.admin.ok("{ households(first: 50) { totalCount edges { node { id address { line1 postalCode latitude } "
                + "members { id } } } } }");
        // A (a1 a2 a3 neighbour), B, C, D, E, F, G, H: the member without an address has none
        assertEquals(8, households.getInt("data.households.totalCount"));
        Map<String, List<String>> members = new java.util.HashMap<>();
        households.getList("data.households.edges.node", Map.class).forEach(node -> members.put((String) node.get("id"),
                ((List<Map<String, String>>) node.get("members")).stream().map(m -> m.get("id")).toList()));
        assertTrue(members.containsValue(List.of(f.id("a1"), f.id("a2"), f.id("a3"), f.id("neighbour"))), members.toString());
        JsonPath ofContacts = f.admin.ok("query($a: ID!, $b: ID!, $n: ID!) { a: contact(id: $a) { household { id } } "
                + "b: contact(id: $b) { household { id } } n: contact(id: $n) { household { id } } }",
                Map.of("a", f.id("a2"), "b", f.id("b1"), "n", f.id("homeless")));
        assertTrue(members.get(ofContacts.getString("data.a.household.id")).contains(f.id("a1")));
        assertFalse(ofContacts.getString("data.a.household.id").equals(ofContacts.getString("data.b.household.id")));
        assertNull(ofContacts.get("data.n.household"));
        assertEquals(4, f.admin.ok("{ households(postalCode: \"10 117\") { totalCount } }").getInt("data.households.totalCount"));
        // a write moves a contact to another household at once (generated key, no extra statement)
        f.admin.ok("mutation { upsertContacts(input: [{ externalIds: [{ system: \"voterfile\", value: \"V-b2\" }], "
                + "address: { line1: \"16 Main Street\", postalCode: \"10115\", country: \"DE\" } }]) { updated } }");
        JsonPath moved = f.admin.ok("query($b: ID!, $c: ID!) { b: contact(id: $b) { household { id } } c: contact(id: $c) { household { id } } }",
                Map.of("b", f.id("b2"), "c", f.id("c1")));
        assertEquals(moved.getString("data.c.household.id"), moved.getString("data.b.household.id"));
        // and so does an import (POST /api/imports, run by the import worker): h1 moves in with d1
        given().header("Authorization", "Bearer " + Tokens.tenantUser(f.slug, "crm-analyst")).header("X-Tenant-ID", f.slug)
                .contentType("text/csv").body("external:voterfile,address.line1,address.postalCode,address.country\nV-h1,1 Oak Rd.,10117,DE\n")
                .post("/api/imports?format=csv").then().statusCode(202);
        while (Boolean.TRUE.equals(importWorker.runNext(Integer.MAX_VALUE).await().indefinitely())) {
            // until no job is queued
        }
        JsonPath imported = f.admin.ok("query($h: ID!, $d: ID!) { h: contact(id: $h) { household { id } } d: contact(id: $d) { household { id } } }",
                Map.of("h", f.id("h1"), "d", f.id("d1")));
        assertEquals(imported.getString("data.d.household.id"), imported.getString("data.h.household.id"));
    }

    @Test
    void turfsCoverTheSegmentsHouseholdsOnceWithinMaxDoors() {
        FieldFixture f = new FieldFixture(fixtures, "cut");
        List<Map<String, Object>> turfs = f.admin.ok(CUT, Map.of("s", f.segmentId, "m", 3)).getList("data.cutTurfs", Map.class)
                .stream().map(t -> (Map<String, Object>) t).toList();
        // 7 located households, at most 3 doors: 3 turfs; the one without coordinates: a turf of its postal code
        assertEquals(4, turfs.size());
        Set<String> households = new HashSet<>();
        int contacts = 0;
        for (Map<String, Object> turf : turfs) {
            List<Map<String, Object>> stops = (List<Map<String, Object>>) turf.get("walkList");
            assertTrue(stops.size() <= 3);
            assertEquals(stops.size(), turf.get("doors"));
            contacts += (Integer) turf.get("contacts");
            for (int i = 0; i < stops.size(); i++) {
                assertEquals(i + 1, stops.get(i).get("position"));
                assertTrue(households.add((String) ((Map<String, Object>) stops.get(i).get("household")).get("id")));
                assertEquals(false, stops.get(i).get("visited"));
            }
        }
        assertEquals(8, households.size());
        assertEquals(11, contacts); // every segment member with an address; the neighbour is no member
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(f.admin.run(CUT, Map.of("s", f.segmentId, "m", 0))));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(f.admin.run(CUT, Map.of("s", "999999", "m", 3))));
    }

    @Test
    void aFieldWorkerSeesOnlyTheContactsOfItsTurfsOnEveryPath() {
        FieldFixture f = new FieldFixture(fixtures, "conf");
        List<String> turfIds = f.admin.ok(CUT, Map.of("s", f.segmentId, "m", 3)).getList("data.cutTurfs.id");
        String mine = turfIds.get(0);
        f.admin.ok("mutation($t: ID!) { assignTurf(turfId: $t, assignee: \"field-anna\") { assignee } }", Map.of("t", mine));
        f.admin.ok("mutation($t: ID!) { assignTurf(turfId: $t, assignee: \"field-ben\") { assignee } }", Map.of("t", turfIds.get(1)));
        Set<String> own = turfContacts(f, mine);
        GraphQLClient anna = f.fieldWorker("field-anna");

        assertEquals(List.of(mine), anna.ok("{ myTurfs { id } }").getList("data.myTurfs.id"));
        // compiled read path (one statement) and the general path (forced by a no-op directive) alike
        JsonPath compiled = anna.ok(CONTACTS);
        JsonPath general = anna.ok("{ contacts(first: 100) @include(if: true) { totalCount edges { node { id } } } }");
        assertEquals(own, new HashSet<>(compiled.getList("data.contacts.edges.node.id")));
        assertEquals(own.size(), compiled.getInt("data.contacts.totalCount"));
        assertEquals(own, new HashSet<>(general.getList("data.contacts.edges.node.id")));
        assertEquals(own.size(), general.getInt("data.contacts.totalCount"));

        String outsider = f.ids.values().stream().filter(id -> !own.contains(id)).findFirst().orElseThrow();
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(anna.run("query($id: ID!) { contact(id: $id) { id } }", Map.of("id", outsider))));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(anna.run("query($id: ID!) { contact(id: $id) @include(if: true) { id } }",
                Map.of("id", outsider))));
        String ownId = own.iterator().next();
        // nested: household members are confined too
        JsonPath nested = anna.ok("query($id: ID!) { contact(id: $id) { id household { members { id } } } }", Map.of("id", ownId));
        assertTrue(own.containsAll(nested.getList("data.contact.household.members.id")));
        JsonPath walk = anna.ok("query($t: ID!) { turf(id: $t) { walkList { household { members { id } } } } }", Map.of("t", mine));
        walk.getList("data.turf.walkList.household.members.id", List.class).forEach(ids -> assertTrue(own.containsAll(ids)));
        // another field worker's turf is out of reach, and so are its contacts
        assertNull(anna.ok("query($t: ID!) { turf(id: $t) { id } }", Map.of("t", turfIds.get(1))).get("data.turf"));
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(anna.run("{ turfs { edges { node { id } } } }")));
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(anna.run("{ contacts(filter: { segmentId: \"" + f.segmentId + "\" }) { totalCount } }")));

        // a field worker of another tenant, same subject: nothing here, and nothing there
        FieldFixture other = new FieldFixture(fixtures, "conf-other");
        GraphQLClient stranger = other.fieldWorker("field-anna");
        assertEquals(0, stranger.ok(CONTACTS).getInt("data.contacts.totalCount"));
        assertEquals(List.of(), stranger.ok("{ myTurfs { id } }").getList("data.myTurfs"));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(stranger.run("query($id: ID!) { contact(id: $id) { id } }", Map.of("id", ownId))));
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(GraphQLClient.as(Tokens.user().subject("field-anna").tenants(other.slug)
                .roles("crm-field").sign()).tenant(f.slug).run(CONTACTS)));
    }

    @Test
    void aMergeKeepsTheMergedAwayContactsVotesCanvassesAndTurfs() {
        FieldFixture f = new FieldFixture(fixtures, "fmerge");
        String survivor = f.id("h1");
        List<String> duplicates = List.of(f.id("d1"), f.id("e1"));
        List<String> turfIds = f.admin.ok(CUT, Map.of("s", f.segmentId, "m", 3)).getList("data.cutTurfs.id");
        String walkersTurf = turfIds.stream().filter(t -> turfContacts(f, t).contains(f.id("d1"))).findFirst().orElseThrow();
        assertFalse(turfContacts(f, walkersTurf).contains(survivor));
        f.admin.ok("mutation($t: ID!) { assignTurf(turfId: $t, assignee: \"walker\") { id } }", Map.of("t", walkersTurf));
        GraphQLClient walker = f.fieldWorker("walker");
        String canvass = walker.ok("mutation($i: CanvassInput!) { recordCanvass(input: $i) { id } }", Map.of("i", Map.of("contactId", f.id("d1"),
                "outcome", "CONTACTED", "turfId", walkersTurf, "clientId", "door-1"))).getString("data.recordCanvass.id");
        f.admin.ok("mutation($ids: [ID!]!) { markVoted(contactIds: $ids, election: \"general\", source: \"duplicate\") }", Map.of("ids", duplicates));
        f.admin.ok("mutation($ids: [ID!]!) { markVoted(contactIds: $ids, election: \"primary\", source: \"survivor\") }",
                Map.of("ids", List.of(survivor)));
        f.admin.ok("mutation($ids: [ID!]!) { markVoted(contactIds: $ids, election: \"primary\", source: \"duplicate\") }",
                Map.of("ids", List.of(f.id("e1"))));
        fixtures.sql(f.slug, "insert into score_model (name, kind) values ('m', 'RULES')");
        fixtures.sql(f.slug, "with c as (select (select id from score_model) as model_id, id, case when display_name = 'h1' then 10 else 90 end as value "
                + "from contact where display_name in ('h1', 'd1', 'e1')) " // a CTE for Citus (docs/scale-out.md, rule 7)
                + "insert into contact_score (model_id, contact_id, value) select model_id, id, value from c");
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(walker.run("query($id: ID!) { contact(id: $id) { id } }", Map.of("id", survivor))));
        int households = f.admin.ok("{ households { totalCount } }").getInt("data.households.totalCount");

        // another tenant cannot merge these contacts
        GraphQLClient stranger = org.socialcrm.support.TestTenants.admin(fixtures.createIsolated("fmerge-other", FieldFixture.STAGES));
        String merge = "mutation($s: ID!, $d: [ID!]!) { mergeContacts(survivorId: $s, duplicateIds: $d) { id } }";
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(stranger.run(merge, Map.of("s", survivor, "d", duplicates))));
        f.admin.ok(merge, Map.of("s", survivor, "d", duplicates));

        JsonPath merged = f.admin.ok("query($id: ID!) { contact(id: $id) { general: voted(election: \"general\") "
                + "primary: voted(election: \"primary\") canvassHistory { id } household { address { line1 } } } }", Map.of("id", survivor));
        assertTrue(merged.getBoolean("data.contact.general"));
        assertTrue(merged.getBoolean("data.contact.primary"));
        assertEquals(List.of(canvass), merged.getList("data.contact.canvassHistory.id"));
        // the survivor's own vote wins over a duplicate's for the same election; one vote per election
        assertEquals(List.of("general:duplicate", "primary:survivor"), strings(f, "select election || ':' || source from contact_vote "
                + "where contact_id = " + survivor + " order by election"));
        assertEquals(List.of("0"), strings(f, "select count(*)::text from contact_vote v where not exists (select 1 from contact c where c.id = v.contact_id)"));
        // households follow the address: the survivor keeps its own; the duplicates' doors are gone with them
        assertEquals("2 Elm Lane", merged.getString("data.contact.household.address.line1"));
        assertEquals(households - 2, f.admin.ok("{ households { totalCount } }").getInt("data.households.totalCount"));
        // scores: the duplicates' rows are deleted with them, the survivor keeps its own until scoring recomputes it
        assertEquals(List.of(survivor + ":10"), strings(f, "select contact_id || ':' || value::int from contact_score"));
        // the walker still reaches the person through the duplicates' turf, and the door stays visited
        assertEquals(survivor, walker.ok("query($id: ID!) { contact(id: $id) { id } }", Map.of("id", survivor)).getString("data.contact.id"));
        JsonPath turf = walker.ok("query($t: ID!) { turf(id: $t) { progress { knocked contacted } walkList { visited } } }", Map.of("t", walkersTurf));
        assertEquals(1, turf.getInt("data.turf.progress.knocked"));
        assertEquals(1, turf.getInt("data.turf.progress.contacted"));
        assertEquals(1, turf.getList("data.turf.walkList.visited", Boolean.class).stream().filter(v -> v).count());
        // the offline replay of that canvass, now for the survivor, is recognised
        assertEquals(canvass, walker.ok("mutation($i: CanvassInput!) { recordCanvass(input: $i) { id } }", Map.of("i", Map.of("contactId", survivor,
                "outcome", "CONTACTED", "turfId", walkersTurf, "clientId", "door-1"))).getString("data.recordCanvass.id"));
    }

    private List<String> strings(FieldFixture f, String sql) {
        return fixtures.inTenant(f.slug, c -> c.query(sql).execute().map(rows -> {
            List<String> values = new java.util.ArrayList<>();
            rows.forEach(row -> values.add(row.getString(0)));
            return values;
        }));
    }

    static Set<String> turfContacts(FieldFixture f, String turfId) {
        Set<String> ids = new HashSet<>();
        f.admin.ok("query($t: ID!) { turf(id: $t) { walkList { household { members { id } } } } }", Map.of("t", turfId))
                .getList("data.turf.walkList.household.members.id", List.class).forEach(ids::addAll);
        ids.remove(f.id("neighbour")); // lives at a turf household but is no segment member
        return ids;
    }
}
