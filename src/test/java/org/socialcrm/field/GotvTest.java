package org.socialcrm.field;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.Tokens;

import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;

/** Votes land in contact_vote (markVoted, early-vote files) and GOTV progress counts them. */
@QuarkusTest
class GotvTest {

    static final String MARK = "mutation($ids: [ID!]!) { markVoted(contactIds: $ids, election: \"general-2026\", source: \"poll watcher\") }";

    @Inject
    TenantFixtures fixtures;

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
        // a field worker may not mark votes, nor see progress
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(f.fieldWorker("walker").run(MARK, Map.of("ids", List.of(f.id("d1"))))));
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
        given().header("Authorization", "Bearer " + Tokens.tenantUser(f.slug, "crm-analyst")).header("X-Tenant-ID", f.slug)
                .contentType("text/csv").body("id\n1\n").post("/api/votes?election=early-2026").then().statusCode(400);
    }
}
