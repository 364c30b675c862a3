package org.socialcrm.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.GraphQLWs;
import org.socialcrm.support.TestTenants;
import org.socialcrm.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * crm-field walks every root field of the served schema (Query, Mutation, Subscription, read by introspection, so a
 * field added later is walked too): all but the field-work allow-list are FORBIDDEN before anything runs, also when
 * the token carries partner scopes (a user with a role is never a partner). What the allowed fields answer is
 * confined (field.FieldWorkTest, field.CanvassTest).
 */
@QuarkusTest
class CrmFieldConfinementTest {

    static final String TENANT = "greenway-2026";
    static final Set<String> ALLOWED = Set.of("Query.me", "Query.contact", "Query.contacts", "Query.myTurfs", "Query.turf",
            "Query.lifecycleStages", "Mutation.recordCanvass", "Mutation.recordCanvasses");
    static final String TYPE = "fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }";

    @Inject
    Vertx vertx;

    private final Map<String, Map<String, Object>> types = new LinkedHashMap<>();

    @Test
    void aFieldWorkerIsRefusedEveryRootFieldButItsOwn() throws Exception {
        String token = Tokens.user().tenants(TENANT).roles("crm-field").scope("contacts:read contacts:write campaigns:write metrics:write").sign();
        GraphQLClient field = GraphQLClient.as(token).tenant(TENANT);
        JsonPath schema = TestTenants.admin(TENANT).ok("{ __schema { queryType { name } mutationType { name } subscriptionType { name } "
                + "types { name kind enumValues { name } inputFields { name defaultValue type { ...T } } "
                + "fields { name type { ...T } args { name defaultValue type { ...T } } } } } } " + TYPE);
        schema.getList("data.__schema.types", Map.class).forEach(t -> types.put((String) t.get("name"), t));

        List<String> walked = new ArrayList<>();
        for (String root : List.of("Query", "Mutation")) {
            for (Map<String, Object> fieldDefinition : fields(root)) {
                String name = root + "." + fieldDefinition.get("name");
                Map<String, Object> variables = new LinkedHashMap<>();
                String operation = operation(root.equals("Query") ? "query" : "mutation", fieldDefinition, variables);
                JsonPath answer = field.run(operation, variables);
                walked.add(name);
                if (ALLOWED.contains(name)) {
                    assertNotEquals("FORBIDDEN", GraphQLClient.errorCode(answer), name + ": " + answer.prettify());
                    assertNotEquals("INTERNAL", GraphQLClient.errorCode(answer), name + ": " + answer.prettify());
                } else {
                    assertEquals("FORBIDDEN", GraphQLClient.errorCode(answer), name + ": " + answer.prettify());
                    assertNull(answer.get("data"), name);
                }
            }
        }
        assertTrue(walked.containsAll(List.of("Query.segments", "Query.attribution", "Query.changes", "Query.auditEvents",
                "Query.households", "Query.turfs", "Query.gotvProgress", "Mutation.exportContact", "Mutation.createWebhook",
                "Mutation.upsertContacts", "Mutation.cutTurfs", "Mutation.markVoted", "Mutation.createContact")), walked.toString());

        try (GraphQLWs socket = GraphQLWs.connect(vertx, token, TENANT)) {
            List<Map<String, Object>> subscriptions = fields("Subscription");
            assertTrue(subscriptions.size() >= 2);
            for (int i = 0; i < subscriptions.size(); i++) {
                Map<String, Object> variables = new LinkedHashMap<>();
                String id = "s" + i;
                socket.subscribe(id, operation("subscription", subscriptions.get(i), variables), variables);
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> answered(socket, id) != null);
                assertTrue(answered(socket, id).encode().contains("FORBIDDEN"), subscriptions.get(i).get("name") + ": " + answered(socket, id));
            }
        }
    }

    @Test
    void aFieldWorkersQueryWithTypenameEverywhereAsClientsSendItIsAnswered() {
        String token = Tokens.user().tenants(TENANT).roles("crm-field").sign();
        JsonPath answer = GraphQLClient.as(token).tenant(TENANT).run("query Walk { __typename myTurfs { __typename id } "
                + "contacts(first: 2) { __typename edges { __typename node { __typename id } } pageInfo { __typename hasNextPage } } }", Map.of());
        assertNull(answer.get("errors"), answer.prettify());
        assertEquals("Query", answer.getString("data.__typename"));
        assertEquals("ContactConnection", answer.getString("data.contacts.__typename"));
        // and a refused field is still refused when __typename comes first
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(GraphQLClient.as(token).tenant(TENANT).run("{ __typename segments { __typename id } }", Map.of())));
    }

    @Test
    void anotherTenantIsRefusedToAFieldWorkerAsToAnyCaller() {
        String token = Tokens.user().tenants(TENANT).roles("crm-field").sign();
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(GraphQLClient.as(token).tenant("lumen-cosmetics")
                .run("{ contacts { edges { node { id } } } }", Map.of())));
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(GraphQLClient.as(token).tenant("lumen-cosmetics").run("{ myTurfs { id } }")));
    }

    @Test
    void everyRestEndpointRefusesAFieldWorkerEvenWithPartnerScopes() {
        String token = Tokens.user().tenants(TENANT).roles("crm-field").scope("contacts:read contacts:write campaigns:write metrics:write").sign();
        for (String path : List.of("/api/imports?format=csv", "/api/votes?election=e", "/api/ingest/metrics")) {
            int status = given().header("Authorization", "Bearer " + token).header("X-Tenant-ID", TENANT)
                    .contentType(path.contains("ingest") ? "application/json" : "text/csv")
                    .body(path.contains("ingest") ? "[]" : "system,value\nvoterfile,V-1\n").post(path).statusCode();
            assertEquals(403, status, path);
        }
    }

    private static JsonObject answered(GraphQLWs socket, String id) {
        return socket.messages().stream().filter(m -> id.equals(m.getString("id")) && !"complete".equals(m.getString("type")))
                .findFirst().orElse(null);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> fields(String type) {
        Map<String, Object> definition = types.get(type);
        return definition == null ? List.of() : (List<Map<String, Object>>) definition.get("fields");
    }

    /** The field with every required argument bound to a valid dummy value, selecting __typename under objects. */
    @SuppressWarnings("unchecked")
    private String operation(String kind, Map<String, Object> field, Map<String, Object> variables) {
        List<String> declarations = new ArrayList<>();
        List<String> arguments = new ArrayList<>();
        for (Map<String, Object> argument : (List<Map<String, Object>>) field.get("args")) {
            Map<String, Object> type = (Map<String, Object>) argument.get("type");
            if ("NON_NULL".equals(type.get("kind")) && argument.get("defaultValue") == null) {
                String variable = "a" + variables.size();
                declarations.add("$" + variable + ": " + render(type));
                arguments.add(argument.get("name") + ": $" + variable);
                variables.put(variable, value(type));
            }
        }
        Map<String, Object> result = (Map<String, Object>) field.get("type");
        while (result.get("ofType") != null) {
            result = (Map<String, Object>) result.get("ofType");
        }
        String selection = Set.of("OBJECT", "INTERFACE", "UNION").contains(result.get("kind")) ? " { __typename }" : "";
        return kind + (declarations.isEmpty() ? "" : "(" + String.join(", ", declarations) + ")") + " { " + field.get("name")
                + (arguments.isEmpty() ? "" : "(" + String.join(", ", arguments) + ")") + selection + " }";
    }

    @SuppressWarnings("unchecked")
    private static String render(Map<String, Object> type) {
        return switch ((String) type.get("kind")) {
            case "NON_NULL" -> render((Map<String, Object>) type.get("ofType")) + "!";
            case "LIST" -> "[" + render((Map<String, Object>) type.get("ofType")) + "]";
            default -> (String) type.get("name");
        };
    }

    @SuppressWarnings("unchecked")
    private Object value(Map<String, Object> type) {
        switch ((String) type.get("kind")) {
            case "NON_NULL":
                return value((Map<String, Object>) type.get("ofType"));
            case "LIST":
                return List.of();
            case "ENUM":
                return ((List<Map<String, Object>>) types.get(type.get("name")).get("enumValues")).get(0).get("name");
            case "INPUT_OBJECT":
                Map<String, Object> input = new LinkedHashMap<>();
                for (Map<String, Object> inputField : (List<Map<String, Object>>) types.get(type.get("name")).get("inputFields")) {
                    Map<String, Object> fieldType = (Map<String, Object>) inputField.get("type");
                    if ("NON_NULL".equals(fieldType.get("kind")) && inputField.get("defaultValue") == null) {
                        input.put((String) inputField.get("name"), value(fieldType));
                    }
                }
                return input;
            default:
                return switch ((String) type.get("name")) {
                    case "Int" -> 1;
                    case "Float" -> 1.5;
                    case "Boolean" -> true;
                    case "ID" -> "1";
                    case "DateTime" -> "2026-01-01T00:00:00Z";
                    case "JSON" -> Map.of();
                    default -> "x";
                };
        }
    }
}
