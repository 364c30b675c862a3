package org.socialcrm.graphql;

import java.util.ArrayList;
import java.util.List;

import io.vertx.mutiny.sqlclient.Row;

/**
 * A root connection read as rows: one row per node of its page (and the extra row that tells whether another page
 * follows), each selected value of the node its own text column, lists nested in the node one text array each; values
 * of the whole statement (the connection's {@code totalCount}, the operation's other root fields) are header columns,
 * the same on every row. The app writes the connection's JSON from the rows ({@link RowsJson}). Packing the page into
 * one text value instead, every level quoted and escaped again, cost Q1's statement about a third of its time
 * (docs/benchmarks.md, issue 18).
 */
final class PageAsRows {

    private final int root;
    private final PageRows page;
    private final String numberedRows;
    private final int first;
    private final String headerAlias;
    private final List<String> header = new ArrayList<>();
    private final List<String> columns = new ArrayList<>();
    private RowsJson json;

    PageAsRows(int root, PageRows page, String numberedRows, int first, String headerAlias) {
        this.root = root;
        this.page = page;
        this.numberedRows = numberedRows;
        this.first = first;
        this.headerAlias = headerAlias;
    }

    /** The index of the root field whose connection this is. */
    int root() {
        return root;
    }

    /** Adds a value of the whole connection; its index among the connection's header values. */
    int header(String sql) {
        header.add(sql);
        return header.size() - 1;
    }

    /** Adds a value of each row; its index among the row values. */
    int column(String sql) {
        columns.add(sql);
        return columns.size() - 1;
    }

    /** How many row values there are so far (the index of the next). */
    int columns() {
        return columns.size();
    }

    void json(RowsJson json) {
        this.json = json;
    }

    /** The statement, with {@code otherRoots} (the operation's other root fields' values) as its first columns. */
    String statement(List<String> otherRoots) {
        List<String> all = new ArrayList<>(otherRoots);
        all.addAll(header);
        return page.rows(all, headerAlias, columns, numberedRows);
    }

    /** Writes the connection's JSON from the statement's rows, whose first {@code otherRoots} columns are not its own. */
    void write(List<Row> rows, int otherRoots, StringBuilder out) {
        int marker = otherRoots + header.size();
        List<Row> nodes = new ArrayList<>(Math.min(rows.size(), first));
        int more = 0;
        for (Row row : rows) {
            if (row.getValue(marker) == null) {
                continue; // the header's row of an empty page
            }
            if (nodes.size() < first) {
                nodes.add(row);
            } else {
                more++;
            }
        }
        Row any = rows.isEmpty() ? null : rows.get(0);
        json.write(new RowsJson.Page(nodes, more > 0, any, otherRoots, marker + 1), out);
    }
}
