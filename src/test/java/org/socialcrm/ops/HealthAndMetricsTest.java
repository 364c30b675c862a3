package org.socialcrm.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialcrm.common.Network;
import org.socialcrm.connector.ConnectorFixtures;
import org.socialcrm.connector.NetworkStubs;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.Tokens;
import org.socialcrm.tenancy.TenantDirectory;
import org.socialcrm.tenancy.TenantTransactions;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** /q/health/live, /q/health/ready and the Prometheus names at /q/metrics after exercising each path. */
@QuarkusTest
class HealthAndMetricsTest {

    static final String TENANT = "lumen-cosmetics";

    @Inject
    Metrics metrics;
    @Inject
    TenantTransactions transactions;
    @Inject
    TenantDirectory directory;

    final GraphQLClient admin = GraphQLClient.as(Tokens.tenantUser(TENANT, "crm-admin")).tenant(TENANT);

    @Test
    void livenessAndReadinessWithADatabaseCheck() {
        JsonPath live = given().get("/q/health/live").then().statusCode(200).extract().jsonPath();
        assertEquals("UP", live.getString("status"));
        JsonPath ready = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertEquals("UP", ready.getString("status"));
        List<String> names = ready.getList("checks.name");
        assertTrue(names.contains("tenancy"), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.toLowerCase().contains("database") || n.toLowerCase().contains("postgres")),
                "a database check is part of readiness: " + names);
        assertTrue(ready.getList("checks.status").stream().allMatch("UP"::equals), ready.prettify());
        // the health endpoints need no token and show no tenant data
        assertTrue(!ready.prettify().contains(TENANT));
    }

    @Test
    void metricsExposeHttpGraphqlConnectorIngestLeaseLagAndTenants() {
        // GraphQL, named operation
        admin.ok("query OpsMetricsProbe { contacts(first: 1) { edges { node { id } } } }");
        // a connector pull (X, stubbed)
        String xid = ConnectorFixtures.unique("x");
        long identity = ConnectorFixtures.identity(transactions, ConnectorFixtures.scope(directory, TENANT), Network.X,
                ConnectorFixtures.unique("ops"), null);
        String token = ConnectorFixtures.unique("xtoken-");
        NetworkStubs.server().stubFor(get(urlPathEqualTo("/x/2/users/" + xid)).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson("{\"data\":{\"id\":\"" + xid + "\",\"name\":\"Ops\",\"username\":\"ops\",\"public_metrics\":"
                        + "{\"followers_count\":10,\"following_count\":3,\"tweet_count\":4,\"listed_count\":1,\"like_count\":2}}}")));
        Map<String, Object> input = new HashMap<>();
        input.put("network", "X");
        input.put("identityId", String.valueOf(identity));
        input.put("accessToken", token);
        input.put("externalAccountId", xid);
        String account = admin.ok("mutation($input: ConnectSocialAccountInput!) { connectSocialAccount(input: $input) { id } }",
                Map.of("input", input)).getString("data.connectSocialAccount.id");
        assertEquals("SUCCEEDED", admin.ok("mutation($id: ID!) { syncNow(accountId: $id) { status } }", Map.of("id", account))
                .getString("data.syncNow.status"));
        // a partner push: one accepted, one rejected
        String body = "[{\"identityId\":\"" + identity + "\",\"metric\":\"followers\",\"observedAt\":\"2026-11-01T10:00:00Z\",\"value\":5},"
                + "{\"identityId\":\"" + identity + "\",\"metric\":\"\",\"observedAt\":\"2026-11-01T10:00:00Z\",\"value\":5}]";
        given().header("Authorization", "Bearer " + Tokens.partner(TENANT, "metrics:write")).header("X-Tenant-ID", TENANT)
                .contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8)).post("/api/ingest/metrics")
                .then().statusCode(200);
        metrics.refresh().await().atMost(Duration.ofSeconds(10));

        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String name : List.of("http_server_requests_seconds_count", "scrm_connector_pulls_total", "scrm_ingest_points_total",
                "scrm_connector_lease_lag_seconds", "scrm_tenants")) {
            assertTrue(scrape.contains(name), name + " missing from /q/metrics");
        }
        assertTrue(scrape.contains("network=\"X\"") && scrape.contains("outcome=\"SUCCEEDED\""), "pull tags");
        assertTrue(scrape.contains("outcome=\"accepted\"") && scrape.contains("outcome=\"rejected\""), "ingest tags");
        assertTrue(scrape.contains("scrm_tenants{status=\"ACTIVE\"}"), "tenant gauge by status");
        assertTrue(scrape.contains("mp_graphql_seconds_count{name=\"contacts\",source=\"false\",type=\"QUERY\"}"),
                "GraphQL timings per root operation field");
        assertTrue(scrape.contains("mp_graphql_seconds_count{name=\"syncNow\",source=\"false\",type=\"MUTATION\"}"));
        assertTrue(gauge(scrape, "scrm_tenants{status=\"ACTIVE\"}") >= 4, "the four demo tenants at least are active");
        // no tenant slug in any metric label (no per-tenant cardinality, no tenant names)
        assertTrue(!scrape.contains("tenant=\"" + TENANT), "no tenant labels");
        // cross-tenant: this tenant's admin cannot sync another tenant's account
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(admin.tenant("greenway-2026")
                .run("mutation($id: ID!) { syncNow(accountId: $id) { status } }", Map.of("id", account))));
    }

    static double gauge(String scrape, String series) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return -1;
    }
}
