package org.socialcrm.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import io.quarkus.test.junit.QuarkusTest;

/** Issue 19, point 5: /graphql/schema.graphql is valid stand-alone SDL, as codegen tools read it. */
@QuarkusTest
class SchemaSdlTest {

    @Test
    void theServedSchemaBuildsOnItsOwn() {
        String sdl = given().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        TypeDefinitionRegistry registry = new SchemaParser().parse(sdl);
        assertTrue(registry.scalars().containsKey("DateTime"), "scalar DateTime declared");
        assertTrue(registry.scalars().containsKey("JSON"), "scalar JSON declared");
        // fails on any type used but not declared
        GraphQLSchema schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);
        assertNotNull(schema.getType("Contact"));
        assertNotNull(schema.getMutationType().getFieldDefinition("mergeContacts"));
    }
}
