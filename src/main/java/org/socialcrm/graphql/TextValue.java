package org.socialcrm.graphql;

/**
 * A compiled field's value in a compiled read's statement: the SQL expression of its text ({@code sql}, null when the
 * value is null) and how the app writes that text as JSON ({@code json}).
 */
public record TextValue(String sql, TextJson json) {

    /** A column's value left out of a statement's skeleton (it depends on the document alone, never on the arguments). */
    static final TextValue SKIPPED = new TextValue("", null);

    /** A text value (ids, names, enums, timestamps written as the API writes them). */
    public static TextValue string(String expression) {
        return new TextValue("(" + expression + ")::text", TextJson.STRING);
    }

    /** An integer or a decimal. */
    public static TextValue number(String expression) {
        return new TextValue("(" + expression + ")::text", TextJson.NUMBER);
    }

    public static TextValue bool(String expression) {
        return new TextValue("(" + expression + ")::text", TextJson.BOOLEAN);
    }

    /** A json or jsonb expression, written as PostgreSQL writes it. */
    public static TextValue json(String expression) {
        return new TextValue("(" + expression + ")::text", TextJson.JSON);
    }

    /** This value, or null when {@code condition} holds. */
    public TextValue nullWhen(String condition) {
        return new TextValue("case when " + condition + " then null else " + sql + " end", json);
    }
}
