package org.socialcrm.field;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.StatementCounts;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.Tokens;

import io.agroal.api.AgroalDataSource;
import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;

/** Votes land in contact_vote (markVoted, early-vote files) and GOTV progress counts them. */
@QuarkusTest
class GotvTest {

    static final String MARK = "mutation($ids: [ID!]!) { markVoted(contactIds: $ids, election: \"general-2026\", source: \"poll watcher\") }";

    static final String VOTE_CHANGES = "{ changes(first: 100, types: [\"contact.updated\"]) { edges { node { subjectId data } } } }";

    @Inject
    TenantFixtures fixtures;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void markVotedIsIdempotentAndProgressCountsTheUniverse() {
        FieldFixture f = new FieldFixture(fixtures, "gotv");
        assertEquals(2, f.admin.ok(MARK, Map.of("ids", List.of(f.id("a1"), f.id("b1")))).getInt("data.markVoted"));
        assertEquals(1, f.admin.ok(MARK, Map.of("ids", List.of(f.id("a1"), f.id("b1"), f.id("c1"), "424242424"))).getInt("data.markVoted"));
        JsonPath voted = f.admin.ok("query($a: ID!, $d: ID!) { a: contact(id: $a) { voted(election: \"general-2026\") } "
                + "d: contact(id: $d) { voted(election: \"general-2026\") } }", Map.of("a", f.id("a1"), "d", f.id("d1")));
        assertEquals(true, voted.getBoolean("data.a.voted"));
        assertEquals(false, voted.getBoolean("data.d.voted"));

        fixtures.sql(f.slug, "update contact set support_level = 1 where display_name in ('d1', 'e1', 'a1')");
        fixtures.sql(f.slug, "update contact set support_level = 2 where display_name = 'neighbour'");
        String turf = f.admin.ok(FieldWorkTest.CUT, Map.of("s", f.segmentId, "m", 20)).getList("data.cutTurfs.id", String.class).get(0);
        f.admin.ok("mutation($i: CanvassInput!) { recordCanvass(input: $i) { id } }", Map.of("i", Map.of("contactId", f.id("d1"),
                "outcome", "CONTACTED", "turfId", turf)));
        JsonPath progress = f.admin.ok("query($s: ID!) { gotvProgress(segmentId: $s) { targets contacted voted remaining remainingSupporters election } }",
                Map.of("s", f.segmentId));
        // 12 members (the neighbour is none); a1 b1 c1 voted; d1 and e1 are supporters who have not
        assertEquals(Map.of("targets", 12, "contacted", 1, "voted", 3, "remaining", 9, "remainingSupporters", 2, "election", "general-2026"),
                progress.getMap("data.gotvProgress"));
        assertEquals(0, f.admin.ok("query($s: ID!) { gotvProgress(segmentId: $s, election: \"primary\") { voted } }",
                Map.of("s", f.segmentId)).getInt("data.gotvProgress.voted"));
        long votes = fixtures.inTenant(f.slug, c -> c.query("select count(*) from contact_vote where election = 'general-2026'").execute()
                .map(rows -> rows.iterator().next().getLong(0)));
        assertEquals(3L, votes);
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(f.admin.run("mutation { markVoted(contactIds: [], election: \" \") }")));

        // the chase list: members who have not voted in the election (a vote in another one does not count), a live
        // segment that shrinks as votes come in
        f.admin.ok("mutation($ids: [ID!]!) { markVoted(contactIds: $ids, election: \"primary\") }", Map.of("ids", List.of(f.id("d1"))));
        String chase = f.admin.ok("mutation { saveSegment(input: { name: \"chase\", rule: { and: [ { filter: { tagsAny: [\"gotv\"] } }, "
                + "{ not: { behavior: { kind: VOTED, election: \"general-2026\" } } } ] } }) { id } }").getString("data.saveSegment.id");
        String chaseList = "query($s: ID!) { contacts(first: 50, filter: { segmentId: $s }) { totalCount edges { node { displayName } } } }";
        List<String> toChase = f.admin.ok(chaseList, Map.of("s", chase)).getList("data.contacts.edges.node.displayName");
        assertEquals(9, toChase.size());
        assertTrue(toChase.stream().noneMatch(List.of("a1", "b1", "c1", "neighbour")::contains), toChase.toString());
        assertEquals(Map.of("targets", 9, "voted", 0, "remainingSupporters", 2), f.admin.ok("query($s: ID!) { gotvProgress(segmentId: $s, "
                + "election: \"general-2026\") { targets voted remainingSupporters } }", Map.of("s", chase)).getMap("data.gotvProgress"));
        f.admin.ok(MARK, Map.of("ids", List.of(f.id("d1"))));
        assertEquals(8, f.admin.ok(chaseList, Map.of("s", chase)).getInt("data.contacts.totalCount"));
        // a field worker may not mark votes, nor see progress
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(f.fieldWorker("walker").run(MARK, Map.of("ids", List.of(f.id("d1"))))));
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(f.fieldWorker("walker").run("query($s: ID!) { gotvProgress(segmentId: $s) { voted } }",
                Map.of("s", f.segmentId))));
    }

    @Test
    void anEarlyVoteFileMarksContactsByExternalIdOnce() {
        FieldFixture f = new FieldFixture(fixtures, "evote");
        String csv = "value,system\nV-d1,voterfile\nV-e1,voterfile\nV-nobody,voterfile\n\"V-f1\",voterfile\n";
        for (int round = 0; round < 2; round++) {
            JsonPath answer = given().header("Authorization", "Bearer " + Tokens.tenantUser(f.slug, "crm-analyst"))
                    .header("X-Tenant-ID", f.slug).contentType("text/csv").body(csv)
                    .post("/api/votes?election=early-2026").then().statusCode(200).extract().jsonPath();
            assertEquals(4, answer.getInt("rows"));
            assertEquals(3, answer.getInt("matched"));
            assertEquals(round == 0 ? 3 : 0, answer.getInt("marked"));
        }
        assertEquals(3, f.admin.ok("query($s: ID!) { gotvProgress(segmentId: $s, election: \"early-2026\") { voted } }",
                Map.of("s", f.segmentId)).getInt("data.gotvProgress.voted"));
        given().header("Authorization", "Bearer " + Tokens.tenantUser(f.slug, "crm-viewer")).header("X-Tenant-ID", f.slug)
                .contentType("text/csv").body(csv).post("/api/votes?election=early-2026").then().statusCode(403);
        given().header("Authorization", "Bearer " + Tokens.user().tenants(f.slug).roles("crm-field").scope("contacts:write").sign())
                .header("X-Tenant-ID", f.slug).contentType("text/csv").body(csv).post("/api/votes?election=early-2026").then().statusCode(403);
        given().header("Authorization", "Bearer " + Tokens.tenantUser(f.slug, "crm-analyst")).header("X-Tenant-ID", f.slug)
                .contentType("text/csv").body("id\n1\n").post("/api/votes?election=early-2026").then().statusCode(400);
    }

    @Test
    void votedUnderAliasesAnswersEachElectionWithOneStatementPerElection() throws SQLException {
        FieldFixture f = new FieldFixture(fixtures, "gotvalias");
        f.admin.ok("mutation($ids: [ID!]!) { markVoted(contactIds: $ids, election: \"primary\") }", Map.of("ids", List.of(f.id("a1"), f.id("b1"))));
        f.admin.ok("mutation($ids: [ID!]!) { markVoted(contactIds: $ids, election: \"general\") }", Map.of("ids", List.of(f.id("b1"), f.id("c1"))));
        String page = "{ contacts(first: 50) { edges { node { displayName p: voted(election: \"primary\") g: voted(election: \"general\") "
                + "again: voted(election: \"primary\") } } } }";
        long before = votedStatements();
        List<Map<String, Object>> nodes = f.admin.ok(page).getList("data.contacts.edges.node");
        long statements = votedStatements() - before;
        Map<String, List<Object>> answers = new HashMap<>();
        nodes.forEach(node -> answers.put((String) node.get("displayName"), List.of(node.get("p"), node.get("g"), node.get("again"))));
        assertEquals(List.of(true, false, true), answers.get("a1"));
        assertEquals(List.of(true, true, true), answers.get("b1"));
        assertEquals(List.of(false, true, false), answers.get("c1"));
        assertEquals(List.of(false, false, false), answers.get("d1"));
        // set-based: one statement per distinct election for the whole page (14 contacts), not one per contact or alias
        assertEquals(2, statements);
        // the same contact under two aliases (one parent, two arguments)
        JsonPath one = f.admin.ok("query($c: ID!) { contact(id: $c) { p: voted(election: \"primary\") g: voted(election: \"general\") } }",
                Map.of("c", f.id("c1")));
        assertEquals(false, one.getBoolean("data.contact.p"));
        assertEquals(true, one.getBoolean("data.contact.g"));
    }

    @Test
    void votesWriteTheirChangesOnlyWhenNewAndOnlyInTheirTenant() {
        FieldFixture f = new FieldFixture(fixtures, "gotvfeed");
        assertEquals(2, f.admin.ok(MARK, Map.of("ids", List.of(f.id("a1"), f.id("b1")))).getInt("data.markVoted"));
        assertEquals(1, f.admin.ok(MARK, Map.of("ids", List.of(f.id("a1"), f.id("c1")))).getInt("data.markVoted"));
        String csv = "system,value\nvoterfile,V-d1\nvoterfile,V-a1\nvoterfile,V-nobody\n";
        for (int round = 0; round < 2; round++) {
            given().header("Authorization", "Bearer " + Tokens.tenantUser(f.slug, "crm-analyst")).header("X-Tenant-ID", f.slug)
                    .contentType("text/csv").body(csv).post("/api/votes?election=early-2026").then().statusCode(200);
        }
        List<Map<String, Object>> changes = f.admin.ok(VOTE_CHANGES).getList("data.changes.edges.node");
        // a1 b1, then c1 (a1 again is no change), then the file: d1 a1 once (its second round is no change)
        assertEquals(List.of(f.id("a1"), f.id("b1"), f.id("c1"), f.id("a1"), f.id("d1")), changes.stream().map(c -> c.get("subjectId")).toList());
        Map<String, Object> first = (Map<String, Object>) changes.get(0).get("data");
        assertEquals(Map.of("fields", List.of("voted"), "election", "general-2026", "source", "poll watcher"), first);
        Map<String, Object> fromFile = (Map<String, Object>) changes.get(4).get("data");
        assertEquals(Map.of("fields", List.of("voted"), "election", "early-2026", "source", "early-vote file"), fromFile);
        // a refused call writes neither votes nor changes
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(f.admin.run("mutation($ids: [ID!]!) { markVoted(contactIds: $ids, "
                + "election: \"x\", source: \"" + "s".repeat(201) + "\") }", Map.of("ids", List.of(f.id("e1"))))));
        assertEquals(5, f.admin.ok(VOTE_CHANGES).getList("data.changes.edges").size());

        // another tenant sees none of it, and may not mark this tenant's contacts
        FieldFixture other = new FieldFixture(fixtures, "gotvfeed-other");
        assertEquals(List.of(), other.admin.ok(VOTE_CHANGES).getList("data.changes.edges"));
        assertNull(other.admin.ok("query($c: ID!) { contact(id: $c) { voted(election: \"general-2026\") } }", Map.of("c", f.id("a1")))
                .get("data.contact"));
        assertEquals(0, other.admin.ok(MARK, Map.of("ids", List.of(f.id("e1")))).getInt("data.markVoted"));
        assertEquals(false, f.admin.ok("query($c: ID!) { contact(id: $c) { voted(election: \"general-2026\") } }", Map.of("c", f.id("e1")))
                .getBoolean("data.contact.voted"));
    }

    /** Executions of the batch statement of Contact.voted so far (pg_stat_statements, the whole test database). */
    private long votedStatements() throws SQLException {
        return StatementCounts.calls(dataSource, "query like 'select contact_id from contact_vote where contact_id = any($1) and election = $2%'");
    }
}
