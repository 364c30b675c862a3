package org.socialcrm.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Issue 19, point 5: the standard introspection query of GraphQL tools is answered; introspection stays bounded. */
@QuarkusTest
class IntrospectionTest {

    final GraphQLClient viewer = GraphQLClient.as(Tokens.tenantUser("lumen-cosmetics", "crm-viewer")).tenant("lumen-cosmetics");

    @Test
    void theStandardIntrospectionQueryIsAnswered() throws IOException {
        // exactly what graphql-js getIntrospectionQuery() returns (GraphiQL, Apollo, graphql-codegen, Postman): depth 15
        JsonPath schema = viewer.ok(resource("graphql/introspection-query.graphql"), Map.of(), "IntrospectionQuery");
        assertEquals("Query", schema.getString("data.__schema.queryType.name"));
        List<String> types = schema.getList("data.__schema.types.name");
        assertTrue(types.containsAll(List.of("Contact", "DateTime", "JSON", "ContactConnection")), types.toString());
    }

    @Test
    void deeplyNestedIntrospectionIsRefused() {
        StringBuilder query = new StringBuilder("{ __type(name: \"Contact\") { fields { type { ");
        for (int i = 0; i < 40; i++) {
            query.append("ofType { ");
        }
        query.append("name");
        query.append(" }".repeat(40)).append(" } } } }");
        JsonPath refused = viewer.run(query.toString());
        assertTrue(refused.getString("errors[0].message").startsWith("maximum query depth exceeded"), refused.prettify());
        assertNull(refused.get("data"));
    }

    @Test
    void introspectionBesideDataKeepsTheOrdinaryDepthLimit() {
        JsonPath refused = viewer.run("{ contacts(first: 1) { totalCount } __type(name: \"Contact\") { fields { type { "
                + "ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } } }");
        assertTrue(refused.getString("errors[0].message").startsWith("maximum query depth exceeded"), refused.prettify());
    }

    static String resource(String name) throws IOException {
        try (InputStream in = IntrospectionTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
