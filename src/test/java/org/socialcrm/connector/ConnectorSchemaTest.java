package org.socialcrm.connector;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import org.socialcrm.common.IngestRejection;

/** The connector and ingest parts of the GraphQL schema match the contract's names and shapes. */
@QuarkusTest
class ConnectorSchemaTest {

    @Test
    void schemaHasTheContractsConnectorFields() {
        String schema = given().get("/graphql/schema.graphql").then().statusCode(200).extract().asString().replaceAll("\\s+", " ");
        for (String expected : new String[] { "connectorAccounts: [ConnectorAccount!]!",
                "syncRuns(accountId: ID, first: Int = 20): [SyncRun!]!",
                "connectSocialAccount(input: ConnectSocialAccountInput!): ConnectorAccount!",
                "disconnectSocialAccount(id: ID!): Boolean!", "syncNow(accountId: ID!): SyncRun!",
                "ingestMetrics(points: [MetricPointInput!]!): IngestResult!", "syncCompleted(after: String): SyncRun!",
                "enum ConnectorStatus", "enum SyncStatus", "type IngestRejection" }) {
            assertTrue(schema.contains(expected), "schema lacks " + expected);
        }
    }
}
