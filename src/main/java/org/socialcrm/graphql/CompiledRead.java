package org.socialcrm.graphql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonValue;

import org.socialcrm.tenancy.DatabasePoolCreator;
import org.socialcrm.tenancy.TenantScope;

import graphql.execution.ExecutionContext;
import graphql.execution.MergedField;
import graphql.execution.MergedSelectionSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** A query operation compiled to one SELECT with one column per root field: the text of that field's result ({@link TextValue}). */
final class CompiledRead {

    private final List<String> keys;
    private final List<TextJson> values;
    private final String sql;
    private final SqlJson statement;

    private CompiledRead(List<String> keys, List<TextJson> values, String sql, SqlJson statement) {
        this.keys = keys;
        this.values = values;
        this.sql = sql;
        this.statement = statement;
    }

    /**
     * @throws NotCompilable when any root field, at any depth, is outside what compiles (the whole operation then
     *         goes the general way)
     */
    static CompiledRead of(ExecutionContext context, MergedSelectionSet rootFields, CompiledSchema schema) {
        SqlJson statement = new SqlJson();
        SelectionCompiler compiler = new SelectionCompiler(context, statement, schema);
        List<String> keys = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        List<TextJson> values = new ArrayList<>();
        for (Map.Entry<String, MergedField> root : rootFields.getSubFields().entrySet()) {
            if (root.getValue().getFields().size() != 1) {
                throw new NotCompilable("a root field selected more than once");
            }
            if (!root.getValue().getSingleField().getDirectives().isEmpty()) {
                throw new NotCompilable("directives");
            }
            keys.add(root.getKey());
            TextValue value = schema.root(root.getValue().getSingleField(), compiler);
            columns.add(value.sql());
            values.add(value.json());
        }
        if (rootFields.getSubFields().values().stream().allMatch(root -> "__typename".equals(root.getName()))) {
            throw new NotCompilable("no tenant data read");
        }
        return new CompiledRead(keys, values, DatabasePoolCreator.CACHED + "select " + String.join(", ", columns), statement);
    }

    String sql() {
        return sql;
    }

    Tuple params() {
        return statement.params();
    }

    boolean admits(TenantScope scope) {
        return statement.admits(scope);
    }

    /** The operation's data: each root field's JSON, written from the text PostgreSQL sent, in selection order. */
    Map<String, Object> data(List<String> columns) {
        Map<String, Object> data = new LinkedHashMap<>();
        StringBuilder json = new StringBuilder(1024);
        for (int i = 0; i < keys.size(); i++) {
            String text = columns.get(i);
            if (text == null) {
                data.put(keys.get(i), JsonValue.NULL);
            } else {
                json.setLength(0);
                values.get(i).write(text, json);
                data.put(keys.get(i), new RawJson(json.toString()));
            }
        }
        return data;
    }
}
