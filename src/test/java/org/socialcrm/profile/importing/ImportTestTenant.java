package org.socialcrm.profile.importing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.TestTenants;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** One tenant's side of an import test: upload a file, run every queued job, read a job, count rows in its schema. */
final class ImportTestTenant {

    static final String JOB = "query($id: ID!) { importJob(id: $id) { id kind status format rowsTotal rowsProcessed created updated "
            + "unchanged ambiguous rejected rejections { index reason } } }";

    final String slug;
    final GraphQLClient admin;
    private final TenantFixtures fixtures;
    private final ImportWorker worker;

    ImportTestTenant(TenantFixtures fixtures, ImportWorker worker, String slug) {
        this.fixtures = fixtures;
        this.worker = worker;
        this.slug = slug;
        this.admin = TestTenants.admin(slug);
    }

    /** {@code POST /api/imports?<query>} into this tenant with the given token. */
    Response post(String token, String query, String body) {
        return given().header("Authorization", "Bearer " + token).header("X-Tenant-ID", slug).contentType("text/csv")
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/api/imports?" + query);
    }

    /** Uploads a file that must be accepted (202); the answer's body. */
    JsonPath start(String token, String query, String body) {
        Response response = post(token, query, body);
        assertEquals(202, response.statusCode(), response.asString());
        return response.jsonPath();
    }

    /** Runs the import worker until no job is queued. */
    void runAll() {
        while (Boolean.TRUE.equals(worker.runNext(Integer.MAX_VALUE).await().indefinitely())) {
            // until no job is queued
        }
    }

    JsonPath job(String id) {
        return admin.ok(JOB, Map.of("id", id));
    }

    long count(String sql) {
        return fixtures.inTenant(slug, c -> c.query(sql).execute().map(r -> r.iterator().next().getLong(0)));
    }
}
