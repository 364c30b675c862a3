package org.socialcrm.graphql;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows of one page (a connection's numbered rows, aliased): the lists nested in its rows are read for the whole
 * page at once, one grouped statement per list joined back to the page, instead of one correlated subquery per row
 * (50 subplans for a page of 50 contacts; the grouped form measured +28% on Q1's statement, docs/benchmarks.md).
 */
final class PageRows {

    private final String alias;
    private final String members;
    private final List<String> joins = new ArrayList<>();

    /** {@code members}: the condition on the page's rows whose lists are read (the extra row of a page is not). */
    PageRows(String alias, String members) {
        this.alias = alias;
        this.members = members;
    }

    /**
     * A list of the page's rows: the text array of the {@code element}s of the {@code table} rows (aliased
     * {@code row}) whose {@code parentColumn} is the page row's id, in {@code order}; '{}' for a row without any.
     */
    String list(String table, String row, String parentColumn, String element, String order, String group) {
        joins.add(" left join (select " + row + "." + parentColumn + " as parent, array_agg(" + element + " order by " + order
                + ")::text as items from " + table + " " + row + " where " + row + "." + parentColumn + " in (select " + alias
                + ".id from " + alias + " where " + members + ") group by " + row + "." + parentColumn + ") " + group + " on "
                + group + ".parent = " + alias + ".id");
        return "coalesce(" + group + ".items, '{}')";
    }

    /**
     * The page's rows, one per row in page order: {@code header} (values of the whole statement, each a column of the
     * single row {@code headerAlias}, on every row; an empty page then still returns one row, with null row columns),
     * the row number and {@code columns}.
     */
    String rows(List<String> header, String headerAlias, List<String> columns, String rows) {
        StringBuilder sql = new StringBuilder("with ").append(alias).append(" as (").append(rows).append(") select ");
        List<String> selected = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            selected.add(headerAlias + ".c" + i);
        }
        selected.add(alias + ".rn");
        selected.addAll(columns);
        sql.append(String.join(", ", selected)).append(" from ");
        String page = alias + String.join("", joins);
        if (header.isEmpty()) {
            sql.append(page);
        } else {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                values.add(header.get(i) + " as c" + i);
            }
            // a single table cannot be parenthesized, a join can
            sql.append("(select ").append(String.join(", ", values)).append(") ").append(headerAlias).append(" left join ")
                    .append(joins.isEmpty() ? page : "(" + page + ")").append(" on true");
        }
        return sql.append(" order by ").append(alias).append(".rn").toString();
    }

    /**
     * {@code select selectList} over the page's rows ({@code rows}, a statement), grouped into one row: the page as a
     * common table expression when lists are joined to it (it is read twice), else a plain subquery.
     */
    String select(String selectList, String rows) {
        if (joins.isEmpty()) {
            return "select " + selectList + " from (" + rows + ") " + alias + " group by ()";
        }
        return "with " + alias + " as (" + rows + ") select " + selectList + " from " + alias + String.join("", joins) + " group by ()";
    }
}
