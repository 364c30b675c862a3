package org.socialcrm.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GraphQL object type read from the rows of one table: its name and its columns. Its plain fields compile from
 * the columns' values; its nested fields (lists, objects, connections) are added by the features that own
 * them ({@link CompiledFields}).
 */
public final class RowType {

    private final String typeName;
    private final List<Column<?>> columns;

    public RowType(String typeName, Column<?>... columns) {
        this.typeName = typeName;
        this.columns = List.of(columns);
    }

    public String typeName() {
        return typeName;
    }

    public List<Column<?>> columns() {
        return columns;
    }

    /** GraphQL field name to the column serving it. */
    Map<String, Column<?>> compiledColumns() {
        Map<String, Column<?>> fields = new LinkedHashMap<>();
        for (Column<?> column : columns) {
            if (column.field() != null) {
                fields.put(column.field(), column);
            }
        }
        return fields;
    }
}
