package org.socialcrm.graphql;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

import jakarta.json.JsonObject;

import org.socialcrm.common.Ids;
import org.socialcrm.common.JsonValues;

import io.vertx.mutiny.sqlclient.Row;

/**
 * One column of a feature's table as both read paths see it: its SQL name, the GraphQL field it serves (null when
 * none of its own), the SQL expression of that field's value and how the app writes its text as JSON (compiled reads,
 * {@code %1$s} stands for the row alias),
 * how its Java value is read from a row (row mappers, the general path), whether lists order by it, and how a merge
 * of rows folds it. The factories below hold each conversion rule once, for both paths.
 */
public final class Column<T> {

    /** How a merge folds the duplicates' values into the survivor's (only contacts merge today). */
    public enum Merge {
        /** The survivor's value stays. */
        KEEP,
        /** The survivor's value, else the most recently updated duplicate's non-null one. */
        FILL,
        /** The union of all values, sorted (text arrays). */
        UNITE,
        /** The duplicates' keys under the survivor's (JSON objects). */
        UNDERLAY,
        /** The greatest value. */
        GREATEST,
        /** True when any is true. */
        ANY
    }

    private final String name;
    private final String field;
    private final String expression;
    private final TextJson kind;
    private final BiFunction<Row, String, T> reader;
    private final boolean orders;
    private final Merge merge;

    private Column(String name, String field, String expression, TextJson kind, BiFunction<Row, String, T> reader, boolean orders,
            Merge merge) {
        this.name = name;
        this.field = field;
        this.expression = expression;
        this.kind = kind;
        this.reader = reader;
        this.orders = orders;
        this.merge = merge;
    }

    private static <T> Column<T> of(String name, String field, String expression, TextJson kind, BiFunction<Row, String, T> reader) {
        return new Column<>(name, field, expression, kind, reader, false, Merge.KEEP);
    }

    /** An id: bigint in the database, a string in the API. */
    public static Column<String> id(String name, String field) {
        return of(name, field, SqlValues.id(name), TextJson.STRING, (row, column) -> {
            Long id = row.getLong(column);
            return id == null ? null : Ids.of(id);
        });
    }

    /** A bigint the API does not show as such (a foreign key read by nested fields). */
    public static Column<Long> bigint(String name) {
        return of(name, null, "%1$s." + name, TextJson.NUMBER, Row::getLong);
    }

    public static Column<String> text(String name, String field) {
        return of(name, field, "%1$s." + name, TextJson.STRING, Row::getString);
    }

    public static Column<Boolean> bool(String name, String field) {
        return of(name, field, "%1$s." + name, TextJson.BOOLEAN, Row::getBoolean);
    }

    /** A boolean the API never returns as null. */
    public static Column<Boolean> flag(String name, String field) {
        return of(name, field, "coalesce(%1$s." + name + ", false)", TextJson.BOOLEAN, (row, column) -> Boolean.TRUE.equals(row.getBoolean(column)));
    }

    public static Column<Double> decimal(String name, String field) {
        return of(name, field, "%1$s." + name, TextJson.NUMBER, Row::getDouble);
    }

    /** An integer column that fits a GraphQL Int. */
    public static Column<Integer> integer(String name, String field) {
        return of(name, field, "%1$s." + name, TextJson.NUMBER, (row, column) -> row.getValue(column) == null ? null : row.getInteger(column));
    }

    /** A bigint count as a GraphQL Int (32 bits): beyond it capped rather than failing the whole response. */
    public static Column<Integer> int32(String name, String field) {
        return of(name, field, SqlValues.int32(name), TextJson.NUMBER, (row, column) -> toInt(row.getLong(column)));
    }

    public static Column<OffsetDateTime> dateTime(String name, String field) {
        return of(name, field, SqlValues.dateTime(name), TextJson.STRING, Row::getOffsetDateTime);
    }

    /** A text array that the API never returns as null. */
    public static Column<List<String>> textArray(String name, String field) {
        return of(name, field, SqlValues.textArray(name), TextJson.list(TextJson.STRING), (row, column) -> {
            String[] values = row.getArrayOfStrings(column);
            return values == null ? List.of() : Arrays.asList(values);
        });
    }

    /** A JSON object the API never returns as null ({@code {}} when empty or null). */
    public static Column<JsonObject> jsonObject(String name, String field) {
        return of(name, field, "coalesce(%1$s." + name + ", '{}'::jsonb)", TextJson.JSON, (row, column) -> JsonValues.toJsonP(row.getValue(column)));
    }

    /** A JSON object that may be null. */
    public static Column<JsonObject> optionalJsonObject(String name, String field) {
        return of(name, field, "%1$s." + name, TextJson.JSON, (row, column) -> {
            Object stored = row.getValue(column);
            return stored == null ? null : JsonValues.toJsonP(stored);
        });
    }

    /** An enum stored as its constant's name, every stored value being one. */
    public static <E extends Enum<E>> Column<E> enumerated(String name, String field, Class<E> type) {
        return of(name, field, "%1$s." + name, TextJson.STRING, (row, column) -> {
            String stored = row.getString(column);
            return stored == null ? null : Enum.valueOf(type, stored);
        });
    }

    /** An enum stored as its constant's name; null stays null, any other stored text reads as {@code fallback}. */
    public static <E extends Enum<E>> Column<E> storedEnum(String name, String field, Class<E> type, E fallback) {
        E[] constants = type.getEnumConstants();
        return of(name, field, SqlValues.storedEnum(name, constants, fallback.name()), TextJson.STRING, (row, column) -> {
            String stored = row.getString(column);
            if (stored == null) {
                return null;
            }
            for (E constant : constants) {
                if (constant.name().equals(stored)) {
                    return constant;
                }
            }
            return fallback;
        });
    }

    /** This column, marked as a sort key of the type's lists. */
    public Column<T> ordering() {
        return new Column<>(name, field, expression, kind, reader, true, merge);
    }

    /** This column, folded by a merge as {@code rule} says. */
    public Column<T> merged(Merge rule) {
        return new Column<>(name, field, expression, kind, reader, orders, rule);
    }

    /** The column's Java value in {@code row} (a row of its table, or of any select that keeps the column's name). */
    public T read(Row row) {
        return reader.apply(row, name);
    }

    public String name() {
        return name;
    }

    /** The GraphQL field this column serves in its type, or null. */
    public String field() {
        return field;
    }

    /** The field's value in a compiled read, for the row aliased {@code row}. */
    TextValue compiled(String row) {
        return new TextValue("(" + String.format(expression, row) + ")::text", kind);
    }

    public boolean orders() {
        return orders;
    }

    public Merge merge() {
        return merge;
    }

    /** GraphQL Int is 32-bit: counts beyond it are capped rather than failing the whole response. */
    public static Integer toInt(Long value) {
        return value == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }
}
