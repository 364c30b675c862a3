package org.socialcrm.targeting;

import java.util.ArrayList;
import java.util.List;

import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A boolean SQL expression over a contact row aliased {@code c}, its values bound in order at the {@code ?}
 * placeholders (the generated SQL never uses {@code ?} for anything else). Never NULL under {@link #not}: a negated
 * condition treats an unknown as false first, so "not X" is exactly the contacts that X does not select.
 */
public record Condition(String sql, List<Object> params) {

    public static final Condition TRUE = new Condition("true", List.of());

    public Condition {
        params = List.copyOf(params);
    }

    public static Condition of(String sql, Object... params) {
        return new Condition(sql, List.of(params));
    }

    public boolean isTrue() {
        return this == TRUE;
    }

    public static Condition and(List<Condition> parts) {
        return combine(parts, " and ");
    }

    public static Condition or(List<Condition> parts) {
        return combine(parts, " or ");
    }

    public static Condition not(Condition inner) {
        return new Condition("not coalesce((" + inner.sql + "), false)", inner.params);
    }

    private static Condition combine(List<Condition> parts, String operator) {
        List<Condition> kept = operator.equals(" and ") ? parts.stream().filter(p -> !p.isTrue()).toList() : parts;
        if (kept.isEmpty()) {
            return TRUE;
        }
        if (kept.size() == 1) {
            return kept.get(0);
        }
        List<String> sql = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (Condition part : kept) {
            if (part.isTrue() && operator.equals(" or ")) {
                return TRUE;
            }
            sql.add("(" + part.sql + ")");
            params.addAll(part.params);
        }
        return new Condition("(" + String.join(operator, sql) + ")", params);
    }

    /** The SQL with numbered parameters {@code $offset+1, $offset+2, ...} (to embed after {@code offset} others). */
    public String numbered(int offset) {
        StringBuilder out = new StringBuilder();
        int next = offset;
        for (char ch : sql.toCharArray()) {
            if (ch == '?') {
                out.append('$').append(++next);
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    /** The values, for a statement that has no other parameters before them. */
    public Tuple tuple() {
        return Tuple.from(new ArrayList<>(params));
    }
}
