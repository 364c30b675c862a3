package org.socialcrm.api;

import static io.restassured.RestAssured.given;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SchemaDumpTest {
    @Test
    void dump() throws Exception {
        Files.writeString(Path.of("target/schema.graphql"), given().get("/graphql/schema.graphql").asString());
    }
}
