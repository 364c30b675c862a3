package org.socialcrm.graphql;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import io.vertx.mutiny.sqlclient.Row;

/** A connection's JSON written from its page read as rows ({@link PageAsRows}). */
final class RowsJson {

    /**
     * The rows of a page: its nodes' rows in page order (the extra row left out), whether another page follows, a row
     * to read the header values from (null: none was sent, and none was selected), and where the connection's header
     * values and each row's values start.
     */
    record Page(List<Row> nodes, boolean more, Row header, int headerStart, int columnStart) {
    }

    /** A value of the connection, written from its page. */
    interface Value {
        void write(Page page, StringBuilder out);
    }

    /** One key of an object of the connection (the connection itself, pageInfo) and its value. */
    record Member(String prefix, Value value) {
    }

    private final List<Member> members;

    RowsJson(List<Member> members) {
        this.members = List.copyOf(members);
    }

    void write(Page page, StringBuilder out) {
        object(members).write(page, out);
    }

    static Member member(String key, Value value) {
        StringBuilder prefix = new StringBuilder();
        TextJson.string(key, prefix);
        return new Member(prefix.append(':').toString(), value);
    }

    /** A value known when the read was compiled ({@code __typename}). */
    static Value constant(String json) {
        return (page, out) -> out.append(json);
    }

    /** The connection's header value number {@code index}. */
    static Value header(int index, TextJson json) {
        return (page, out) -> json.writeNullable(page.header().getString(page.headerStart() + index), out);
    }

    /** The list of edges, one per node, each {@code edge} written from the row's values from number {@code start}. */
    static Value edges(int start, ObjectJson edge) {
        return (page, out) -> {
            out.append('[');
            for (int i = 0; i < page.nodes().size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                edge.write(values(page.nodes().get(i), page.columnStart() + start), out);
            }
            out.append(']');
        };
    }

    static Value hasNextPage() {
        return (page, out) -> out.append(page.more());
    }

    /** The row value number {@code index} of the last node (its cursor), or null on an empty page. */
    static Value last(int index, TextJson json) {
        return (page, out) -> {
            List<Row> nodes = page.nodes();
            json.writeNullable(nodes.isEmpty() ? null : nodes.get(nodes.size() - 1).getString(page.columnStart() + index), out);
        };
    }

    static Value object(List<Member> members) {
        return (page, out) -> {
            out.append('{');
            for (int i = 0; i < members.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(members.get(i).prefix());
                members.get(i).value().write(page, out);
            }
            out.append('}');
        };
    }

    /** The text values of {@code row} from number {@code start} on. */
    private static Iterator<String> values(Row row, int start) {
        return new Iterator<>() {
            private int next = start;

            @Override
            public boolean hasNext() {
                return next < row.size();
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return row.getString(next++);
            }
        };
    }
}
