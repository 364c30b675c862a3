package org.socialcrm.graphql;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.All;

/** The compiled types and root fields, as the features describe them ({@link CompiledFields}). */
@ApplicationScoped
public class CompiledSchema {

    private final Map<String, TypeShape> types;
    private final Map<String, NestedField> roots;

    public CompiledSchema(@All List<CompiledFields> features) {
        Builder builder = new Builder();
        features.forEach(feature -> feature.describe(builder));
        Map<String, TypeShape> shapes = new HashMap<>();
        Set<String> names = new TreeSet<>(builder.columns.keySet());
        names.addAll(builder.nested.keySet());
        for (String name : names) {
            shapes.put(name, new TypeShape(name, builder.columns.getOrDefault(name, Map.of()), builder.nested.getOrDefault(name, Map.of())));
        }
        this.types = Map.copyOf(shapes);
        this.roots = Map.copyOf(builder.roots);
    }

    RowShape type(String name) {
        RowShape shape = types.get(name);
        if (shape == null) {
            throw new NotCompilable(name);
        }
        return shape;
    }

    TextValue root(graphql.language.Field field, SelectionCompiler compiler) {
        if ("__typename".equals(field.getName())) {
            return TextValue.string("'Query'");
        }
        NestedField root = roots.get(field.getName());
        if (root == null) {
            throw new NotCompilable("Query." + field.getName());
        }
        return root.compile(field, null, compiler);
    }

    /** The names of the fields of {@code typeName} that compile ("Query" for the root fields), sorted. */
    public Set<String> compiledFields(String typeName) {
        if ("Query".equals(typeName)) {
            return new TreeSet<>(roots.keySet());
        }
        TypeShape shape = types.get(typeName);
        return shape == null ? Set.of() : shape.fieldNames();
    }

    /** The compiled type names, sorted. */
    public Set<String> typeNames() {
        return new TreeSet<>(types.keySet());
    }

    /** Collects the features' descriptions; a field described twice is a mistake and fails the start. */
    public static final class Builder {

        private final Map<String, Map<String, Column<?>>> columns = new HashMap<>();
        private final Map<String, Map<String, NestedField>> nested = new HashMap<>();
        private final Map<String, NestedField> roots = new HashMap<>();

        private Builder() {
        }

        /** The plain fields of {@code type}, one per column that serves a GraphQL field. */
        public Builder type(RowType type) {
            Map<String, Column<?>> fields = columns.computeIfAbsent(type.typeName(), name -> new LinkedHashMap<>());
            type.compiledColumns().forEach((field, column) -> once(type.typeName(), field, fields.put(field, column)));
            return this;
        }

        /** A nested field of {@code typeName}. */
        public Builder field(String typeName, String field, NestedField compiler) {
            once(typeName, field, nested.computeIfAbsent(typeName, name -> new LinkedHashMap<>()).put(field, compiler));
            return this;
        }

        /** A root field of Query. */
        public Builder root(String field, NestedField compiler) {
            once("Query", field, roots.put(field, compiler));
            return this;
        }

        private static void once(String typeName, String field, Object previous) {
            if (previous != null) {
                throw new IllegalStateException("compiled field " + typeName + "." + field + " described twice");
            }
        }
    }
}
