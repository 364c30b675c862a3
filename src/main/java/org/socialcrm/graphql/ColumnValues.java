package org.socialcrm.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The values of an INSERT or UPDATE, column by column: the column list and the placeholders follow the order the
 * values were set in, so no statement numbers its parameters by hand.
 */
public final class ColumnValues {

    private final List<String> columns = new ArrayList<>();
    private final Tuple values = Tuple.tuple();

    public ColumnValues set(Column<?> column, Object value) {
        columns.add(column.name());
        values.addValue(value);
        return this;
    }

    /** {@code insert into <table> (<columns>) values ($1, ...)} followed by {@code tail} (e.g. " returning *"). */
    public String insertInto(String table, String tail) {
        return "insert into " + table + " (" + String.join(", ", columns) + ") values ("
                + IntStream.rangeClosed(1, columns.size()).mapToObj(i -> "$" + i).collect(Collectors.joining(", ")) + ")" + tail;
    }

    /**
     * {@code update <table> set <column> = $1, ..., <also> where <key> = $n <tail>}; the key's value is bound after the
     * set values ({@link #tuple(Object)}).
     */
    public String update(String table, String also, Column<?> key, String tail) {
        String assignments = IntStream.range(0, columns.size()).mapToObj(i -> columns.get(i) + " = $" + (i + 1))
                .collect(Collectors.joining(", "));
        return "update " + table + " set " + assignments + (also == null ? "" : ", " + also) + " where " + key.name() + " = $"
                + (columns.size() + 1) + tail;
    }

    /** The values of an insert. */
    public Tuple tuple() {
        return values;
    }

    /** The values of an update whose key is {@code key}. */
    public Tuple tuple(Object key) {
        return values.addValue(key);
    }
}
