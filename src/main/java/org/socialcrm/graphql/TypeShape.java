package org.socialcrm.graphql;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import graphql.language.Field;

/** A compiled object type: its column fields (plain expressions over the row) and its nested fields. */
final class TypeShape implements RowShape {

    private final String typeName;
    private final Map<String, Column<?>> columns;
    private final Map<String, NestedField> nested;

    TypeShape(String typeName, Map<String, Column<?>> columns, Map<String, NestedField> nested) {
        this.typeName = typeName;
        this.columns = Map.copyOf(columns);
        this.nested = Map.copyOf(nested);
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public TextValue field(Field field, String row, SelectionCompiler compiler) {
        Column<?> column = columns.get(field.getName());
        if (column != null) {
            if (field.getSelectionSet() != null || !field.getArguments().isEmpty()) {
                throw new NotCompilable(typeName + "." + field.getName() + " with a selection or arguments");
            }
            return compiler.skeleton() ? TextValue.SKIPPED : column.compiled(row);
        }
        NestedField compiled = nested.get(field.getName());
        if (compiled == null) {
            throw new NotCompilable(typeName + "." + field.getName());
        }
        return compiled.compile(field, row, compiler);
    }

    Set<String> fieldNames() {
        Set<String> names = new TreeSet<>(columns.keySet());
        names.addAll(nested.keySet());
        return names;
    }
}
