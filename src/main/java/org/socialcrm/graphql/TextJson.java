package org.socialcrm.graphql;

import java.util.List;

/**
 * How a compiled value's text, as PostgreSQL sends it, is written as JSON by the app. A compiled read's statement
 * reads plain text: scalars as their own text, objects and lists as text arrays ({@code array[...]::text}, parsed by
 * {@link PgArrayText}); the app writes the JSON. Building it in the database (json_build_object, json_agg) cost
 * PostgreSQL several times what the same rows cost it as text (docs/benchmarks.md, issue 18).
 */
public interface TextJson {

    /** Writes {@code text} (never null: nulls are written by the caller) as JSON. */
    void write(String text, StringBuilder out);

    /** A text value: a JSON string. */
    TextJson STRING = TextJson::string;

    /** A number as PostgreSQL writes it (int, bigint, numeric, float8); NaN and the infinities, as text, like to_json. */
    TextJson NUMBER = (text, out) -> {
        char first = text.isEmpty() ? 'x' : text.charAt(0);
        if ((first >= '0' && first <= '9') || (first == '-' && text.length() > 1 && Character.isDigit(text.charAt(1)))) {
            out.append(text);
        } else {
            string(text, out);
        }
    };

    /** A boolean: {@code true}/{@code false} (a cast to text) or {@code t}/{@code f} (PostgreSQL's output). */
    TextJson BOOLEAN = (text, out) -> out.append(text.startsWith("t") ? "true" : "false");

    /** JSON that PostgreSQL wrote (json or jsonb as text): as it is. */
    TextJson JSON = (text, out) -> out.append(text);

    /** Writes {@code text}, or null. */
    default void writeNullable(String text, StringBuilder out) {
        if (text == null) {
            out.append("null");
        } else {
            write(text, out);
        }
    }

    /** A list: the text array of its elements, each written by {@code element}. */
    static TextJson list(TextJson element) {
        return (text, out) -> {
            List<String> items = PgArrayText.elements(text);
            out.append('[');
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                element.writeNullable(items.get(i), out);
            }
            out.append(']');
        };
    }

    static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
