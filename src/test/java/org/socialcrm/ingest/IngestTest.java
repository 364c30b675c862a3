package org.socialcrm.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialcrm.connector.ConnectorFixtures;
import org.socialcrm.common.Network;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.Tokens;
import org.socialcrm.tenancy.TenantDirectory;
import org.socialcrm.tenancy.TenantScope;
import org.socialcrm.tenancy.TenantTransactions;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
class IngestTest {

    static final String A = "lumen-cosmetics";
    static final String B = "greenway-2026";
    static final String INGEST = """
            mutation($points: [MetricPointInput!]!) { ingestMetrics(points: $points) { accepted duplicates rejected { index reason } } }""";

    @Inject
    TenantTransactions transactions;
    @Inject
    TenantDirectory directory;

    final String partnerA = Tokens.partner(A, "metrics:write");

    TenantScope scope(String slug) {
        return ConnectorFixtures.scope(directory, slug);
    }

    long points(String slug, long identity) {
        return ConnectorFixtures.count(transactions, scope(slug), "select count(*) from metric_point where identity_id = $1", identity);
    }

    static Map<String, Object> point(Object identityId, String metric, String at, Object value) {
        Map<String, Object> p = new java.util.HashMap<>();
        p.put("identityId", identityId == null ? null : String.valueOf(identityId));
        p.put("metric", metric);
        p.put("observedAt", at);
        p.put("value", value);
        return p;
    }

    Response rest(String token, String tenant, String contentType, String body) {
        return given().header("Authorization", "Bearer " + token).header("X-Tenant-ID", tenant).contentType(contentType).body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/ingest/metrics");
    }

    @Test
    void graphqlPushAcceptsRejectsAndCountsDuplicates() {
        String handle = ConnectorFixtures.unique("Push");
        long identity = ConnectorFixtures.identity(transactions, scope(A), Network.INSTAGRAM, handle, null);
        GraphQLClient partner = GraphQLClient.as(partnerA).tenant(A);
        Map<String, Object> byHandle = point(null, "reach", "2026-11-01T10:00:00Z", 1500);
        byHandle.put("network", "INSTAGRAM");
        byHandle.put("handle", "@" + handle.toUpperCase());
        List<Object> batch = List.of(
                point(identity, "followers", "2026-11-01T10:00:00Z", 1000),
                point(identity, "followers", "2026-11-02T10:00:00+02:00", 1010),
                byHandle,
                point(identity, "followers", "2026-11-01T10:00:00Z", 1000), // duplicate inside the batch
                point(identity, "Bad Metric!", "2026-11-01T10:00:00Z", 1),
                point(identity, "followers", "2999-01-01T00:00:00Z", 1),
                point("999999999", "followers", "2026-11-01T10:00:00Z", 1),
                point("not-an-id", "followers", "2026-11-01T10:00:00Z", 1));
        JsonPath first = partner.ok(INGEST, Map.of("points", batch));
        assertEquals(3, first.getInt("data.ingestMetrics.accepted"));
        assertEquals(1, first.getInt("data.ingestMetrics.duplicates"));
        assertEquals(List.of(4, 5, 6, 7), first.getList("data.ingestMetrics.rejected.index"));
        assertEquals("unknown identity", first.getString("data.ingestMetrics.rejected[2].reason"));
        assertEquals(3, points(A, identity));
        assertEquals(1010L, ConnectorFixtures.row(transactions, scope(A), "select followers from social_identity where id = $1", identity)
                .getLong("followers"), "the newest pushed count lands in the snapshot");

        JsonPath retry = partner.ok(INGEST, Map.of("points", batch));
        assertEquals(0, retry.getInt("data.ingestMetrics.accepted"));
        assertEquals(4, retry.getInt("data.ingestMetrics.duplicates"));
        assertEquals(3, points(A, identity), "a retried push never doubles data");
    }

    @Test
    void restAcceptsJsonArraysAndNdjson() {
        long identity = ConnectorFixtures.identity(transactions, scope(A), Network.X, ConnectorFixtures.unique("rest"), null);
        String array = "[{\"identityId\":\"" + identity + "\",\"metric\":\"followers\",\"observedAt\":\"2026-10-01T00:00:00Z\",\"value\":10},"
                + "{\"identityId\":\"" + identity + "\",\"metric\":\"followers\",\"observedAt\":\"yesterday\",\"value\":11},"
                + "{\"identityId\":\"" + identity + "\",\"metric\":\"following\",\"observedAt\":\"2026-10-01T00:00:00Z\",\"value\":\"many\"}]";
        Response json = rest(partnerA, A, "application/json", array);
        assertEquals(200, json.statusCode(), json.asString());
        assertEquals(1, json.jsonPath().getInt("accepted"));
        assertEquals(List.of(1, 2), json.jsonPath().getList("rejected.index"));

        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            ndjson.append("{\"identityId\":\"").append(identity).append("\",\"metric\":\"posts\",\"observedAt\":\"2026-10-01T")
                    .append(String.format("%02d", i % 24)).append(":").append(String.format("%02d", i)).append(":00Z\",\"value\":")
                    .append(i).append("}\n");
        }
        ndjson.append("{not json}\n");
        ndjson.append("{\"identityId\":\"").append(identity).append("\",\"metric\":\"followers\",\"observedAt\":\"2026-10-01T00:00:00Z\",\"value\":10}\n");
        Response nd = rest(partnerA, A, "application/x-ndjson", ndjson.toString());
        assertEquals(200, nd.statusCode(), nd.asString());
        assertEquals(50, nd.jsonPath().getInt("accepted"));
        assertEquals(1, nd.jsonPath().getInt("duplicates"));
        assertEquals(List.of(50), nd.jsonPath().getList("rejected.index"));
        assertEquals(51, points(A, identity));

        assertEquals(400, rest(partnerA, A, "application/json", "{\"not\":\"an array\"}").statusCode());
        assertEquals(400, rest(partnerA, A, "application/json", "[{").statusCode());
        assertEquals(415, rest(partnerA, A, "application/xml", "<points/>").statusCode());
    }

    @Test
    void tooManyPointsAreRefused() {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i <= MetricIngest.MAX_POINTS; i++) {
            body.append(i == 0 ? "" : ",").append("{\"identityId\":\"1\",\"metric\":\"m\",\"observedAt\":\"2026-10-01T00:00:00Z\",\"value\":1}");
        }
        Response answer = rest(partnerA, A, "application/json", body.append("]").toString());
        assertEquals(413, answer.statusCode());
    }

    @Test
    void withoutTheScopeOrForAnotherTenantNothingIsWritten() {
        long identityA = ConnectorFixtures.identity(transactions, scope(A), Network.X, ConnectorFixtures.unique("iso"), null);
        long identityB = ConnectorFixtures.identity(transactions, scope(B), Network.X, ConnectorFixtures.unique("isob"), null);
        List<Object> toB = List.of(point(identityB, "followers", "2026-11-01T10:00:00Z", 5));
        JsonPath foreign = GraphQLClient.as(partnerA).tenant(B).run(INGEST, Map.of("points", toB));
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(foreign));
        String restBody = "[{\"identityId\":\"" + identityB + "\",\"metric\":\"followers\",\"observedAt\":\"2026-11-01T10:00:00Z\",\"value\":5}]";
        Response restForeign = rest(partnerA, B, "application/json", restBody);
        assertEquals(403, restForeign.statusCode());
        assertEquals("FORBIDDEN", restForeign.jsonPath().getString("code"));
        assertEquals(0, points(B, identityB));

        String readOnly = Tokens.partner(A, "contacts:write");
        List<Object> toA = List.of(point(identityA, "followers", "2026-11-01T10:00:00Z", 5));
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(GraphQLClient.as(readOnly).tenant(A).run(INGEST, Map.of("points", toA))));
        assertEquals(403, rest(readOnly, A, "application/json", restBody.replace(String.valueOf(identityB), String.valueOf(identityA)))
                .statusCode());
        assertEquals(0, points(A, identityA));
        assertEquals(401, given().contentType("application/json").body("[]").post("/api/ingest/metrics").statusCode());

        List<Object> many = new ArrayList<>();
        many.add(point(identityA, "followers", "2026-11-01T10:00:00Z", 5));
        assertEquals(1, GraphQLClient.as(partnerA).tenant(A).ok(INGEST, Map.of("points", many)).getInt("data.ingestMetrics.accepted"));
    }

    /**
     * Pushes of follower counts refresh the identities they touch. Concurrent pushes over the same identities must
     * queue, not deadlock: their inserts hold key-share locks on the identities (foreign-key checks) while their
     * refreshes lock the same rows for update.
     */
    @Test
    void concurrentFollowerPushesOverTheSameIdentitiesAllSucceed() throws Exception {
        int pushes = 6;
        Long[] identities = ConnectorFixtures.row(transactions, scope(A), """
                with c as (insert into contact (display_name, lifecycle_stage)
                           select 'Creator ' || $1 || g, 'subscriber' from generate_series(1, $2) g returning id),
                     i as (insert into social_identity (contact_id, network, handle, handle_normalized)
                           select id, 'INSTAGRAM', $1 || id, lower($1 || id) from c returning id)
                select array_agg(id order by id) from i""", ConnectorFixtures.unique("crowd"), 400).getArrayOfLongs(0);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(pushes);
        try {
            List<java.util.concurrent.Future<Response>> answers = new ArrayList<>();
            for (int push = 0; push < pushes; push++) {
                StringBuilder body = new StringBuilder("[");
                for (int i = 0; i < identities.length; i++) {
                    body.append(i == 0 ? "" : ",").append("{\"identityId\":\"").append(identities[i])
                            .append("\",\"metric\":\"followers\",\"observedAt\":\"2026-10-0").append(push + 1)
                            .append("T00:00:00Z\",\"value\":").append(1000 * (push + 1) + i).append('}');
                }
                String json = body.append(']').toString();
                answers.add(pool.submit(() -> rest(partnerA, A, "application/json", json)));
            }
            for (java.util.concurrent.Future<Response> answer : answers) {
                Response response = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(200, response.statusCode(), response.asString());
                assertEquals(identities.length, response.jsonPath().getInt("accepted"));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1000L * pushes + 7, ConnectorFixtures.row(transactions, scope(A), "select followers from social_identity where id = $1",
                identities[7]).getLong("followers"), "the newest count wins, whatever order the pushes committed in");
    }
}
