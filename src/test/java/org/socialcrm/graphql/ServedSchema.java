package org.socialcrm.graphql;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.TypeName;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.TypeUtil;

/**
 * The schema the service serves (/graphql/schema.graphql), read with graphql-java, and the selections of compiled
 * reads generated from it and from the features' descriptions ({@link CompiledSchema}): every compiled field of a
 * type, nested objects down to a depth, so a field added to a description is covered without editing a test.
 */
final class ServedSchema {

    /** The parts of connections, compiled by ConnectionShape for any connection type. */
    private static final Set<String> CONNECTION_PARTS = Set.of("edges", "node", "cursor", "pageInfo", "hasNextPage",
            "endCursor", "totalCount");

    private final TypeDefinitionRegistry registry;
    private final CompiledSchema compiled;

    ServedSchema(CompiledSchema compiled) {
        this.registry = new SchemaParser().parse(given().get("/graphql/schema.graphql").then().statusCode(200).extract().asString());
        this.compiled = compiled;
    }

    /** The fields of an object type as served (with its extensions), by name. */
    Map<String, FieldDefinition> fields(String typeName) {
        Map<String, FieldDefinition> fields = new LinkedHashMap<>();
        registry.getType(typeName, ObjectTypeDefinition.class)
                .ifPresent(type -> type.getFieldDefinitions().forEach(f -> fields.put(f.getName(), f)));
        registry.objectTypeExtensions().getOrDefault(typeName, List.of())
                .forEach(extension -> extension.getFieldDefinitions().forEach(f -> fields.put(f.getName(), f)));
        return fields;
    }

    boolean isObject(FieldDefinition field) {
        return registry.getType(typeName(field), ObjectTypeDefinition.class).isPresent();
    }

    static String typeName(FieldDefinition field) {
        return ((TypeName) TypeUtil.unwrapAll(field.getType())).getName();
    }

    /**
     * Every compiled field of {@code typeName}; object fields with their own selection while {@code depth} lasts
     * (connections do not count), leaves only below.
     */
    String selection(String typeName, int depth) {
        Set<String> compiledFields = compiled.compiledFields(typeName);
        boolean connectionPart = compiledFields.isEmpty();
        List<String> out = new ArrayList<>();
        for (FieldDefinition field : fields(typeName).values()) {
            boolean compiles = connectionPart ? CONNECTION_PARTS.contains(field.getName()) : compiledFields.contains(field.getName());
            if (!compiles) {
                continue;
            }
            if (!isObject(field)) {
                out.add(field.getName());
                continue;
            }
            String nested = typeName(field);
            boolean isPart = compiled.compiledFields(nested).isEmpty();
            if (isPart) {
                out.add(field.getName() + " { " + selection(nested, depth) + " }");
            } else if (depth > 0) {
                out.add(field.getName() + " { " + selection(nested, depth - 1) + " }");
            }
        }
        return String.join(" ", out);
    }
}
