package org.socialcrm.graphql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.execution.ExecutionContext;
import graphql.execution.ValuesResolver;
import graphql.language.Field;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;

/**
 * Turns a selection set into one SQL expression of its values as text: an object is the text array of its fields'
 * values, a list the text array of its objects ({@link TextValue}); the app writes the JSON ({@link TextJson}). One
 * root connection may instead be read as rows, one per node ({@link PageAsRows}). Only plain fields compile:
 * fragments, directives and repeated result keys do not.
 */
public final class SelectionCompiler {

    /** At most this many fields per selection set (json_build_object's limit when the database built the JSON). */
    private static final int MAX_KEYS = 50;

    private final ExecutionContext context;
    private final SqlJson sql;
    private final CompiledSchema schema;
    private final Map<String, PageRows> pages = new HashMap<>();
    private final boolean skeleton;
    private final boolean pageRows;
    /** How many objects are being compiled around the current field (0: a root field's own value). */
    private int depth;
    private int root;
    private PageAsRows rows;

    /**
     * @param skeleton whether to compile only what a request's arguments can change: the statement without its
     *        column values ({@link CompiledStatements}), with the request's parameters and tenant checks
     * @param pageRows whether a root connection may be read as rows ({@link PageAsRows})
     */
    SelectionCompiler(ExecutionContext context, SqlJson sql, CompiledSchema schema, boolean skeleton, boolean pageRows) {
        this.context = context;
        this.sql = sql;
        this.schema = schema;
        this.skeleton = skeleton;
        this.pageRows = pageRows;
    }

    boolean skeleton() {
        return skeleton;
    }

    public SqlJson sql() {
        return sql;
    }

    /** The object of {@code field}'s selection, a {@code typeName} object, over the row aliased {@code row}. */
    public TextValue object(String typeName, Field field, String row) {
        return object(schema.type(typeName), field, row);
    }

    TextValue object(RowShape shape, Field field, String row) {
        return object(shape, field.getSelectionSet(), row);
    }

    /** The text array of the selected values (in selection order; __typename is not read), written as one object. */
    TextValue object(RowShape shape, SelectionSet selections, String row) {
        ObjectColumns object = columns(shape, selections, row);
        String sql = object.values().isEmpty() ? "'{}'::text" : "array[" + String.join(", ", object.values()) + "]::text";
        return new TextValue(sql, object.json());
    }

    /** The {@code typeName} object of {@code field}'s selection over the row aliased {@code row}, one value per column. */
    ObjectColumns columns(String typeName, Field field, String row) {
        return columns(schema.type(typeName), field.getSelectionSet(), row);
    }

    /**
     * The selected values of one object, each its own SQL expression (in selection order; __typename is not read),
     * and the writer that takes them in that order.
     */
    record ObjectColumns(List<String> values, ObjectJson json) {
    }

    private ObjectColumns columns(RowShape shape, SelectionSet selections, String row) {
        if (selections == null) {
            throw new NotCompilable(shape.typeName() + " without a selection");
        }
        depth++;
        try {
            List<ObjectJson.Member> members = new ArrayList<>();
            List<String> values = new ArrayList<>();
            for (Field field : fields(selections)) {
                if (skeleton) {
                    if (!"__typename".equals(field.getName())) {
                        TextValue value = shape.field(field, row, this);
                        if (value != TextValue.SKIPPED) {
                            values.add(value.sql());
                        }
                    }
                } else if ("__typename".equals(field.getName())) {
                    StringBuilder name = new StringBuilder();
                    TextJson.string(shape.typeName(), name);
                    members.add(ObjectJson.constant(field.getResultKey(), name.toString()));
                } else {
                    TextValue value = shape.field(field, row, this);
                    members.add(ObjectJson.read(field.getResultKey(), value.json()));
                    values.add(value.sql());
                }
            }
            return new ObjectColumns(values, skeleton ? null : new ObjectJson(members));
        } finally {
            depth--;
        }
    }

    /** The compiled read is about to compile its root field number {@code index}. */
    void root(int index) {
        root = index;
    }

    /**
     * Whether a connection compiled now is read as rows ({@link PageAsRows}): it is a root field (not inside any object)
     * and no other connection of the operation is.
     */
    boolean takesRows() {
        return pageRows && depth == 0 && rows == null;
    }

    /** Reads the connection of the current root field as rows: {@code page}'s numbered rows, one per row. */
    PageAsRows readAsRows(PageRows page, String numberedRows, int first) {
        rows = new PageAsRows(root, page, numberedRows, first, sql.alias("h"));
        return rows;
    }

    /** The connection read as rows, or null when the statement reads one row. */
    PageAsRows rows() {
        return rows;
    }

    /** The plain fields of a selection set, each result key once. */
    static List<Field> fields(SelectionSet selections) {
        List<Field> fields = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (Selection<?> selection : selections.getSelections()) {
            if (!(selection instanceof Field field)) {
                throw new NotCompilable("fragments");
            }
            if (!field.getDirectives().isEmpty()) {
                throw new NotCompilable("directives");
            }
            if (!keys.add(field.getResultKey())) {
                throw new NotCompilable("a result key selected twice");
            }
            fields.add(field);
        }
        if (fields.size() > MAX_KEYS) {
            throw new NotCompilable("more than " + MAX_KEYS + " fields in one selection");
        }
        return fields;
    }

    /**
     * The {@code typeName} objects of the {@code table} rows whose {@code parentColumn} is the id of the row aliased
     * {@code row}, in {@code order} (columns of {@code table}, unqualified). Under a page's row they are read for the
     * whole page at once ({@link PageRows}); under a single row, by a correlated subquery.
     */
    public TextValue children(String typeName, Field field, String row, String table, String parentColumn, String order) {
        String child = sql.alias(table.substring(0, 1));
        TextValue element = object(typeName, field, child);
        TextJson json = skeleton ? null : TextJson.list(element.json());
        PageRows page = pages.get(row);
        if (page != null) {
            return new TextValue(page.list(table, child, parentColumn, element.sql(), order, sql.alias("g")), json);
        }
        return new TextValue("array(select " + element.sql() + " from " + table + " " + child + " where " + child + "." + parentColumn
                + " = " + row + ".id order by " + order + ")::text", json);
    }

    /** Declares the rows aliased {@code alias} a page: lists nested in them are read for all its {@code members} at once. */
    PageRows page(String alias, String members) {
        PageRows page = new PageRows(alias, members);
        pages.put(alias, page);
        return page;
    }

    /** A nested object: the row of {@code rowsSql} (aliased {@code row}), or null when there is none. */
    public TextValue single(String typeName, Field field, String row, String rowsSql) {
        TextValue object = object(typeName, field, row);
        return new TextValue("(select " + object.sql() + " from " + rowsSql + ")", object.json());
    }

    /** A nested object by id: the {@code table} row whose id is {@code id} (an expression), or null. */
    public TextValue byId(String typeName, Field field, String table, String id) {
        String row = sql.alias(table.substring(0, 2));
        return single(typeName, field, row, table + " " + row + " where " + row + ".id = " + id);
    }

    /** The field's arguments, coerced by graphql-java from literals and variables as for any data fetcher. */
    public Map<String, Object> arguments(String typeName, Field field) {
        if (field.getArguments().isEmpty()) {
            return Map.of();
        }
        GraphQLObjectType type = context.getGraphQLSchema().getObjectType(typeName);
        GraphQLFieldDefinition definition = type == null ? null : type.getFieldDefinition(field.getName());
        if (definition == null) {
            throw new NotCompilable("unknown field " + typeName + "." + field.getName());
        }
        return ValuesResolver.getArgumentValues(context.getGraphQLSchema().getCodeRegistry(), definition.getArguments(),
                field.getArguments(), context.getCoercedVariables(), context.getGraphQLContext(), context.getLocale());
    }
}
