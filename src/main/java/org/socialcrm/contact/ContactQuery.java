package org.socialcrm.contact;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.socialcrm.common.Cursor;
import org.socialcrm.targeting.Condition;

import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A contact list query: conditions with their parameters and an order. Pages use keyset pagination; the same
 * conditions give the total count, so a segment's size and its contacts agree with {@code contacts(filter)}.
 */
public final class ContactQuery {

    private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+)");

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();
    private final ContactOrder order;

    public ContactQuery(ContactOrder order) {
        this.order = order == null ? ContactOrder.UPDATED_AT_DESC : order;
    }

    /** Adds a condition; each {@code ?} in it becomes the next numbered parameter. */
    public ContactQuery where(String condition, Object... values) {
        StringBuilder sql = new StringBuilder();
        int next = 0;
        for (char ch : condition.toCharArray()) {
            if (ch == '?') {
                params.add(values[next++]);
                sql.append('$').append(params.size());
            } else {
                sql.append(ch);
            }
        }
        conditions.add(sql.toString());
        return this;
    }

    /** Adds a compiled filter or rule (nothing for one that selects everyone). */
    public ContactQuery where(Condition condition) {
        return condition.isTrue() ? this : where(condition.sql(), condition.params().toArray());
    }

    public ContactOrder order() {
        return order;
    }

    /** The ORDER BY of a page (over alias {@code c}), for numbering its rows elsewhere. */
    public String orderByClause() {
        return order.orderBy();
    }

    private String whereClause(List<String> extra) {
        List<String> all = new ArrayList<>(conditions);
        all.addAll(extra);
        return all.isEmpty() ? "" : " where " + String.join(" and ", all);
    }

    /**
     * SQL and parameters for one page of rows (limit + 1, to know whether another page follows). The limit is written
     * into the text, not bound: PostgreSQL plans a generic plan's {@code limit $n} for a tenth of the rows, so a kept
     * prepared statement with it was planned anew on every execution (0.64 ms of Q1's database CPU, docs/benchmarks.md).
     */
    public Statement page(Cursor after, int limit) {
        List<Object> values = new ArrayList<>(params);
        String where = pageWhere(after, values, 0);
        String sql = "select c.*, (" + order.keyExpression + ")::text as sort_key from contact c" + where + " order by " + order.orderBy()
                + " limit " + Math.addExact(limit, 1);
        return new Statement(sql, Tuple.from(values));
    }

    /**
     * One page of each query in one statement, for lists under many parents (segments' contacts): the rows of query
     * {@code i} carry {@code part = i} and come in its order.
     */
    public static Statement pages(List<ContactQuery> queries, Cursor after, int limit) {
        List<Object> values = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            ContactQuery query = queries.get(i);
            int offset = values.size();
            values.addAll(query.params);
            String where = query.pageWhere(after, values, offset);
            values.add(limit + 1);
            parts.add("(select " + i + " as part, row_number() over (order by " + query.order.orderBy() + ") as ord, c.*, ("
                    + query.order.keyExpression + ")::text as sort_key from contact c" + where + " order by " + query.order.orderBy()
                    + " limit $" + values.size() + ")");
        }
        return new Statement("select * from (" + String.join(" union all ", parts) + ") pages order by part, ord", Tuple.from(values));
    }

    /** The counts of several queries in one statement: one row, column {@code i} counting query {@code i}. */
    public static Statement counts(List<ContactQuery> queries) {
        List<Object> values = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        for (ContactQuery query : queries) {
            columns.add("(select count(*) from contact c" + shifted(query.whereClause(List.of()), values.size()) + ")");
            values.addAll(query.params);
        }
        return new Statement("select " + String.join(", ", columns), Tuple.from(values));
    }

    /** The WHERE of a page; {@code values} already holds this query's parameters, numbered from {@code offset + 1}. */
    private String pageWhere(Cursor after, List<Object> values, int offset) {
        List<String> extra = new ArrayList<>();
        if (after != null) {
            values.add(after.sortKey());
            values.add(after.id());
            extra.add(order.after(values.size() - 1, values.size()));
        }
        List<String> all = new ArrayList<>();
        conditions.forEach(condition -> all.add(shifted(condition, offset)));
        all.addAll(extra);
        return all.isEmpty() ? "" : " where " + String.join(" and ", all);
    }

    /** Renumbers {@code $n} to {@code $(n + offset)}, to embed a query's SQL after {@code offset} other parameters. */
    private static String shifted(String sql, int offset) {
        return offset == 0 ? sql : PARAMETER.matcher(sql).replaceAll(m -> "\\$" + (Integer.parseInt(m.group(1)) + offset));
    }

    /** The ids of every matching contact (segment membership for funnels and impact reports). */
    public Statement ids() {
        return new Statement("select c.id from contact c" + whereClause(List.of()), Tuple.from(params));
    }

    /** Every matching row with the given extra columns (over alias {@code c}), unordered. */
    public Statement rows(String extraColumns) {
        return new Statement("select c.*" + (extraColumns == null ? "" : ", " + extraColumns) + " from contact c" + whereClause(List.of()),
                Tuple.from(params));
    }

    public Statement count() {
        return new Statement("select count(*) from contact c" + whereClause(List.of()), Tuple.from(params));
    }

    /** The cursor of a row selected by {@link #page}, from its sort_key column. */
    public Cursor cursorOf(String sortKey, long id) {
        return new Cursor(order.cursorKind(), sortKey, id);
    }

    public record Statement(String sql, Tuple params) {
    }
}
