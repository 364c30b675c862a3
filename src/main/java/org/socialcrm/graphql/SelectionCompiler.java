package org.socialcrm.graphql;

import java.util.ArrayList;
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
 * values, a list the text array of its objects ({@link TextValue}); the app writes the JSON ({@link TextJson}). Only
 * plain fields compile: fragments, directives and repeated result keys do not.
 */
public final class SelectionCompiler {

    /** At most this many fields per selection set (json_build_object's limit when the database built the JSON). */
    private static final int MAX_KEYS = 50;

    private final ExecutionContext context;
    private final SqlJson sql;
    private final CompiledSchema schema;

    SelectionCompiler(ExecutionContext context, SqlJson sql, CompiledSchema schema) {
        this.context = context;
        this.sql = sql;
        this.schema = schema;
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
        if (selections == null) {
            throw new NotCompilable(shape.typeName() + " without a selection");
        }
        List<ObjectJson.Member> members = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (Field field : fields(selections)) {
            if ("__typename".equals(field.getName())) {
                StringBuilder name = new StringBuilder();
                TextJson.string(shape.typeName(), name);
                members.add(ObjectJson.constant(field.getResultKey(), name.toString()));
            } else {
                TextValue value = shape.field(field, row, this);
                members.add(ObjectJson.read(field.getResultKey(), value.json()));
                values.add(value.sql());
            }
        }
        String sql = values.isEmpty() ? "'{}'::text" : "array[" + String.join(", ", values) + "]::text";
        return new TextValue(sql, new ObjectJson(members));
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
     * A list of {@code typeName} objects over {@code rowsSql} (aliased {@code row}), in {@code order}; unqualified
     * columns in {@code order} name the innermost table, the list's own.
     */
    public TextValue list(String typeName, Field field, String row, String rowsSql, String order) {
        TextValue element = object(typeName, field, row);
        return new TextValue("array(select " + element.sql() + " from " + rowsSql + " order by " + order + ")::text",
                TextJson.list(element.json()));
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
