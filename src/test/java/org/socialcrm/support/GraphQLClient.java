package org.socialcrm.support;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Calls /graphql over HTTP as a client app would: bearer token, optional X-Tenant-ID. */
public final class GraphQLClient {

    private final String token;
    private final String tenant;

    private GraphQLClient(String token, String tenant) {
        this.token = token;
        this.tenant = tenant;
    }

    public static GraphQLClient as(String token) {
        return new GraphQLClient(token, null);
    }

    public static GraphQLClient anonymous() {
        return new GraphQLClient(null, null);
    }

    public GraphQLClient tenant(String slug) {
        return new GraphQLClient(token, slug);
    }

    public Response post(String query, Map<String, Object> variables) {
        return post(query, variables, null);
    }

    /** Posts the document with {@code operationName} (null: the document's only operation). */
    public Response post(String query, Map<String, Object> variables, String operationName) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        body.put("variables", variables == null ? Map.of() : variables);
        if (operationName != null) {
            body.put("operationName", operationName);
        }
        RequestSpecification request = given().contentType(ContentType.JSON).body(body);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        if (tenant != null) {
            request = request.header("X-Tenant-ID", tenant);
        }
        return request.when().post("/graphql");
    }

    /** Runs the operation, expects HTTP 200, and returns the JSON body. */
    public JsonPath run(String query, Map<String, Object> variables) {
        return run(query, variables, null);
    }

    public JsonPath run(String query, Map<String, Object> variables, String operationName) {
        return post(query, variables, operationName).then().statusCode(200).extract().jsonPath();
    }

    public JsonPath run(String query) {
        return run(query, Map.of());
    }

    /** Runs the operation and expects no GraphQL error. */
    public JsonPath ok(String query, Map<String, Object> variables) {
        return ok(query, variables, null);
    }

    public JsonPath ok(String query, Map<String, Object> variables, String operationName) {
        JsonPath json = run(query, variables, operationName);
        Object errors = json.get("errors");
        if (errors != null) {
            throw new AssertionError("Unexpected GraphQL errors: " + json.prettify());
        }
        return json;
    }

    public JsonPath ok(String query) {
        return ok(query, Map.of());
    }

    /** The code of the first error, or null. */
    public static String errorCode(JsonPath json) {
        return json.getString("errors[0].extensions.code");
    }
}
