package org.socialcrm.profile.importing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

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
import io.restassured.response.Response;

@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportJobTest {

    @Inject
    TenantFixtures fixtures;

    @Inject
    ImportWorker worker;

    ImportTestTenant imports;
    String tenant;
    GraphQLClient admin;

    @BeforeEach
    void tenant() {
        if (tenant == null) {
            tenant = fixtures.createIsolated("imports", null);
            imports = new ImportTestTenant(fixtures, worker, tenant);
            admin = imports.admin;
            admin.ok("mutation { defineCustomField(input: {key: \"pledge\", label: \"Pledge\", type: NUMBER}) { key } }", Map.of());
        }
    }

    Response post(String token, String format, String body) {
        return imports.post(token, "format=" + format, body);
    }

    String start(String format, String body) {
        return imports.start(Tokens.tenantUser(tenant, "crm-analyst"), "format=" + format, body).getString("id");
    }

    @Test
    void badRowsAreRejectedWithTheirLinesAndEveryGoodRowImported() {
        StringBuilder csv = new StringBuilder("firstName,lastName,emails,phones,lifecycleStage,field:pledge,external:voterfile,address.country,tags\n");
        csv.append("Ada,Good,ada@example.com,+1 415 555 0101,lead,10,VF-1,US,a;b\n"); // line 2
        csv.append("Bad,Email,not-an-email,,,,VF-2,,\n"); // 3
        csv.append("Bad,Stage,stage@example.com,,astronaut,,,,\n"); // 4
        csv.append("Bad,Field,field@example.com,,,lots,,,\n"); // 5
        csv.append("\"Bad\"x,Quote,quote@example.com,,,,,,\n"); // 6: malformed quoting
        csv.append("Bad,\"Open,open@example.com,,,,,,\n"); // 7: quote never closed
        csv.append("Multi,\"Line\nName\",multi@example.com,,,,,,\n"); // 8-9: a quoted line break is fine
        csv.append("x".repeat(10 * 1024 * 1024)).append("\n"); // 10: a 10 MB line
        csv.append("Too,Few\n"); // 11
        csv.append("Bob,Good,bob@example.com,(415) 555-0102,,,VF-3,US,\n"); // 12
        String id = start("csv", csv.toString());
        assertEquals("QUEUED", imports.job(id).getString("data.importJob.status"));
        imports.runAll();
        JsonPath done = imports.job(id);
        assertEquals("SUCCEEDED", done.getString("data.importJob.status"), done.prettify());
        assertEquals(3, done.getInt("data.importJob.created"), done.prettify());
        assertEquals(7, done.getInt("data.importJob.rejected"));
        assertEquals(10, done.getInt("data.importJob.rowsTotal"));
        assertEquals(List.of(3, 4, 5, 6, 7, 10, 11), done.getList("data.importJob.rejections.index"));
        List<String> reasons = done.getList("data.importJob.rejections.reason");
        assertTrue(reasons.get(0).startsWith("emails"), reasons.toString());
        assertTrue(reasons.get(1).startsWith("lifecycleStage"), reasons.toString());
        assertTrue(reasons.get(2).startsWith("customFields.pledge"), reasons.toString());
        assertTrue(reasons.get(3).contains("malformed CSV"), reasons.toString());
        assertTrue(reasons.get(4).contains("malformed CSV"), reasons.toString());
        assertTrue(reasons.get(5).contains("longer than"), reasons.toString());
        assertFalse(reasons.stream().anyMatch(r -> r.contains("not-an-email")), reasons.toString());
        assertEquals(1, imports.count("select count(*) from contact where email = 'multi@example.com' and last_name = E'Line\\nName'"));
        assertEquals(1, imports.count("select count(*) from contact c join contact_external_id x on x.contact_id = c.id "
                + "where x.value = 'VF-1' and c.custom_fields ->> 'pledge' = '10.0' and c.tags = '{a,b}' and c.lifecycle_stage = 'lead'"));
        assertEquals(0, imports.count("select count(*) from import_chunk"));

        // the same file again changes nothing
        String again = start("csv", csv.toString());
        imports.runAll();
        JsonPath second = imports.job(again);
        assertEquals(3, second.getInt("data.importJob.unchanged"), second.prettify());
        assertEquals(0, second.getInt("data.importJob.created") + second.getInt("data.importJob.updated"));
    }

    @Test
    void aJobWhoseReplicaDiedResumesWithoutDuplicates() {
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < 2500; i++) {
            ndjson.append("{\"emails\":[\"resume").append(i).append("@example.com\"],\"firstName\":\"R").append(i).append("\"}\n");
        }
        imports.runAll(); // nothing else queued
        String id = start("ndjson", ndjson.toString());
        // one batch, then the replica "dies": its lease is left behind
        assertTrue(worker.runNext(1).await().indefinitely());
        assertEquals(1000, imports.job(id).getInt("data.importJob.rowsProcessed"));
        assertEquals("RUNNING", imports.job(id).getString("data.importJob.status"));
        // nobody else may take it while the lease holds
        assertFalse(worker.runNext(Integer.MAX_VALUE).await().indefinitely());
        fixtures.sql(tenant, "select 1"); // tenant stays reachable
        expireLeases();
        imports.runAll();
        JsonPath done = imports.job(id);
        assertEquals("SUCCEEDED", done.getString("data.importJob.status"));
        assertEquals(2500, done.getInt("data.importJob.created"), done.prettify());
        assertEquals(2500, done.getInt("data.importJob.rowsProcessed"));
        assertEquals(2500, imports.count("select count(*) from contact where email like 'resume%'"));
    }

    @Test
    void linesAreStagedInChunksOfOneLaneGroupAndKeepTheirNumbersAcrossACrash() {
        // 2,600 lines, two lanes: two lane groups, each staged in chunks of at most 1,000 lines; line 1702 is unreadable
        StringBuilder csv = new StringBuilder("emails,firstName\n");
        for (int i = 0; i < 2600; i++) {
            csv.append(i == 1700 ? "one,two,three" : "chunk" + i + "@example.com,C" + i).append('\n');
        }
        imports.runAll(); // nothing else queued
        String id = start("csv", csv.toString());
        long job = Long.parseLong(id);
        String mine = " from import_chunk where job_id = " + job;
        long chunks = imports.count("select count(*)" + mine);
        assertTrue(chunks >= 3 && chunks <= 5, "chunks: " + chunks);
        assertEquals(2600, imports.count("select count(*)" + mine.replace("from import_chunk", "from import_chunk, unnest(lines)")));
        assertEquals(2600, imports.count("select count(distinct l)" + mine.replace("from import_chunk", "from import_chunk, unnest(lines) l")));
        assertEquals(0, imports.count("select count(*)" + mine + " and (cardinality(lines) > 1000 or lane_group not in (0, 1) "
                + "or lines[1] <> first_line or lines <> (select array_agg(l order by l) from unnest(lines) l) "
                + "or cardinality(payloads) <> cardinality(lines) or cardinality(errors) <> cardinality(lines))"));
        assertEquals(1, imports.count("select count(*)" + mine + " and 1702 = any(lines) and errors[array_position(lines, 1702::bigint)] is not null"));

        // one chunk, then the replica dies; the next one applies the chunks left, none twice
        assertTrue(worker.runNext(1).await().indefinitely());
        assertEquals(chunks - 1, imports.count("select count(*)" + mine));
        expireLeases();
        imports.runAll();
        JsonPath done = imports.job(id);
        assertEquals("SUCCEEDED", done.getString("data.importJob.status"), done.prettify());
        assertEquals(2599, done.getInt("data.importJob.created"), done.prettify());
        assertEquals(1, done.getInt("data.importJob.rejected"), done.prettify());
        assertEquals(1702, done.getInt("data.importJob.rejections[0].index"), done.prettify());
        assertEquals(2599, imports.count("select count(*) from contact where email like 'chunk%'"));
        assertEquals(0, imports.count("select count(*)" + mine));
    }

    @Test
    void cancelStopsAJobAndOtherTenantsNeitherSeeNorMatchIt() {
        String other = TestTenants.create("imports-other");
        GraphQLClient otherAdmin = TestTenants.admin(other);
        // the other tenant has a contact with the same email and external id: never matched from here
        otherAdmin.ok("mutation { upsertContacts(input: [{emails: [\"iso@example.com\"], externalIds: [{system: \"crm\", value: \"I-1\"}]}]) { created } }", Map.of());
        String id = start("csv", "emails,external:crm\niso@example.com,I-1\n");
        imports.runAll();
        assertEquals(1, imports.job(id).getInt("data.importJob.created"));
        assertNull(otherAdmin.ok(ImportTestTenant.JOB, Map.of("id", id)).get("data.importJob"));
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(GraphQLClient.as(Tokens.tenantUser(other, "crm-admin")).tenant(tenant).run(ImportTestTenant.JOB, Map.of("id", id))));
        assertEquals(403, post(Tokens.tenantUser(other, "crm-admin"), "csv", "emails\nx@example.com\n").statusCode());

        StringBuilder many = new StringBuilder("emails\n");
        for (int i = 0; i < 3000; i++) {
            many.append("cancel").append(i).append("@example.com\n");
        }
        imports.runAll();
        String big = start("csv", many.toString());
        assertTrue(worker.runNext(1).await().indefinitely());
        JsonPath cancelled = admin.ok("mutation($id: ID!) { cancelImport(id: $id) { id status } }", Map.of("id", big));
        assertEquals(big, cancelled.getString("data.cancelImport.id"));
        expireLeases();
        imports.runAll();
        JsonPath after = imports.job(big);
        assertEquals("CANCELLED", after.getString("data.importJob.status"), after.prettify());
        assertEquals(1000, after.getInt("data.importJob.created"));
        assertEquals(1000, imports.count("select count(*) from contact where email like 'cancel%'"));
    }

    @Test
    void refusedWithoutTheRightRoleOrScopeAndForBadHeaders() {
        String body = "emails\nrole@example.com\n";
        assertEquals(403, post(Tokens.tenantUser(tenant, "crm-viewer"), "csv", body).statusCode());
        assertEquals(403, post(Tokens.partner(tenant, "metrics:write"), "csv", body).statusCode());
        assertEquals(202, post(Tokens.partner(tenant, "contacts:write"), "csv", body).statusCode());
        imports.runAll();
        Response unknown = post(Tokens.tenantUser(tenant, "crm-admin"), "csv", "emails,shoeSize\na@example.com,4\n");
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.asString().contains("shoeSize"), unknown.asString());
        assertEquals(400, post(Tokens.tenantUser(tenant, "crm-admin"), "xlsx", body).statusCode());
        assertEquals(401, given().body(body).post("/api/imports?format=csv").statusCode());
    }

    void expireLeases() {
        fixtures.inTenant(tenant, c -> c.query("select 1").execute());
        io.vertx.mutiny.sqlclient.Pool pool = io.quarkus.arc.Arc.container().instance(io.vertx.mutiny.sqlclient.Pool.class).get();
        pool.query("update control.import_job set lease_expires_at = now() - interval '1 second', lease_owner = 'dead-replica' "
                + "where status = 'QUEUED'").execute().await().indefinitely();
    }
}
