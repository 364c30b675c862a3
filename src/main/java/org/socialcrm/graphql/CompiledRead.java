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
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A query operation compiled to one SELECT with one column per root field: the text of that field's result
 * ({@link TextValue}); when a root field is a connection read as rows ({@link PageAsRows}), the other root fields'
 * columns come first on every row of its page.
 */
final class CompiledRead {

    private final List<String> keys;
    /** The writers of the root fields' columns, the connection read as rows left out. */
    private final List<TextJson> values;
    private final String sql;
    private final SqlJson statement;
    /** The connection read as rows, or null. */
    private final PageAsRows rows;

    private CompiledRead(List<String> keys, List<TextJson> values, String sql, SqlJson statement, PageAsRows rows) {
        this.keys = keys;
        this.values = values;
        this.sql = sql;
        this.statement = statement;
        this.rows = rows;
    }

    /**
     * @throws NotCompilable when any root field, at any depth, is outside what compiles (the whole operation then
     *         goes the general way)
     */
    static CompiledRead of(ExecutionContext context, MergedSelectionSet rootFields, CompiledSchema schema, boolean pageRows) {
        SqlJson statement = new SqlJson();
        List<String> keys = new ArrayList<>();
        SelectionCompiler compiler = new SelectionCompiler(context, statement, schema, false, pageRows);
        List<TextValue> roots = compile(compiler, rootFields, schema, keys);
        PageAsRows rows = compiler.rows();
        List<String> columns = new ArrayList<>();
        List<TextJson> values = new ArrayList<>();
        for (int i = 0; i < roots.size(); i++) {
            if (rows == null || i != rows.root()) {
                columns.add(roots.get(i).sql());
                values.add(roots.get(i).json());
            }
        }
        String sql = rows == null ? "select " + String.join(", ", columns) : rows.statement(columns);
        return new CompiledRead(keys, List.copyOf(values), DatabasePoolCreator.CACHED + sql, statement, rows);
    }

    /**
     * What of the operation its arguments can change: the statement without its column values (which depend on the
     * document alone), with this request's parameters and tenant checks. Two requests of one document with the same
     * skeleton compile to the same statement text and JSON writers ({@link CompiledStatements}).
     *
     * @throws NotCompilable exactly when {@link #of} would
     */
    static Skeleton skeleton(ExecutionContext context, MergedSelectionSet rootFields, CompiledSchema schema, boolean pageRows) {
        SqlJson statement = new SqlJson();
        List<TextValue> roots = compile(new SelectionCompiler(context, statement, schema, true, pageRows), rootFields, schema, new ArrayList<>());
        StringBuilder text = new StringBuilder();
        roots.forEach(root -> text.append(root.sql()).append('\n'));
        return new Skeleton(text.toString(), statement);
    }

    record Skeleton(String text, SqlJson statement) {
    }

    /** This read's statement with another request's parameters and tenant checks (from its {@link Skeleton}). */
    CompiledRead with(SqlJson request) {
        return new CompiledRead(keys, values, sql, request, rows);
    }

    private static List<TextValue> compile(SelectionCompiler compiler, MergedSelectionSet rootFields, CompiledSchema schema,
            List<String> keys) {
        List<TextValue> roots = new ArrayList<>();
        for (Map.Entry<String, MergedField> root : rootFields.getSubFields().entrySet()) {
            if (root.getValue().getFields().size() != 1) {
                throw new NotCompilable("a root field selected more than once");
            }
            if (!root.getValue().getSingleField().getDirectives().isEmpty()) {
                throw new NotCompilable("directives");
            }
            compiler.root(keys.size());
            keys.add(root.getKey());
            roots.add(schema.root(root.getValue().getSingleField(), compiler));
        }
        if (rootFields.getSubFields().values().stream().allMatch(root -> "__typename".equals(root.getName()))) {
            throw new NotCompilable("no tenant data read");
        }
        return roots;
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
    Map<String, Object> data(RowSet<Row> result) {
        List<Row> all = new ArrayList<>(result.size());
        result.forEach(all::add);
        Row first = all.isEmpty() ? null : all.get(0);
        Map<String, Object> data = new LinkedHashMap<>();
        StringBuilder json = new StringBuilder(1024);
        int column = 0;
        for (int i = 0; i < keys.size(); i++) {
            if (rows != null && i == rows.root()) {
                json.setLength(0);
                rows.write(all, values.size(), json);
                data.put(keys.get(i), new RawJson(json.toString()));
                continue;
            }
            String text = first == null ? null : first.getString(column);
            column++;
            if (text == null) {
                data.put(keys.get(i), JsonValue.NULL);
            } else {
                json.setLength(0);
                values.get(column - 1).write(text, json);
                data.put(keys.get(i), new RawJson(json.toString()));
            }
        }
        return data;
    }
}
