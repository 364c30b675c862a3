package org.socialcrm.api.compiled;

import java.util.Map;

import graphql.language.Field;

/** A shape whose fields are plain expressions over the row ({@code %1$s} stands for the row's alias). */
class ColumnShape implements RowShape {

    private final String typeName;
    private final Map<String, String> columns;

    ColumnShape(String typeName, Map<String, String> columns) {
        this.typeName = typeName;
        this.columns = columns;
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public String field(Field field, String row, SelectionCompiler compiler) {
        String column = columns.get(field.getName());
        if (column == null) {
            return nested(field, row, compiler);
        }
        if (field.getSelectionSet() != null || !field.getArguments().isEmpty()) {
            throw new NotCompilable(typeName + "." + field.getName() + " with a selection or arguments");
        }
        return String.format(column, row);
    }

    /** Fields that are not columns: nested objects, lists and connections. */
    String nested(Field field, String row, SelectionCompiler compiler) {
        throw new NotCompilable(typeName + "." + field.getName());
    }
}
