package org.socialcrm.graphql;

import java.util.ArrayList;
import java.util.List;

/**
 * The elements of a one-dimensional text array as PostgreSQL writes it ({@code {a,"b c",NULL,"x\"y"}}): quoted
 * elements unescaped, an unquoted NULL as null. Compiled reads only build arrays of text (objects and lists nest as
 * the text of an inner array), so no other dimension or bound ever occurs.
 */
final class PgArrayText {

    private PgArrayText() {
    }

    static List<String> elements(String literal) {
        int end = literal.length() - 1;
        if (end < 1 || literal.charAt(0) != '{' || literal.charAt(end) != '}') {
            throw new IllegalArgumentException("not a one-dimensional array");
        }
        List<String> out = new ArrayList<>();
        if (end == 1) {
            return out;
        }
        int i = 1;
        StringBuilder quoted = new StringBuilder();
        while (i < end) {
            if (literal.charAt(i) == '"') {
                quoted.setLength(0);
                i++;
                char c;
                while ((c = literal.charAt(i)) != '"') {
                    if (c == '\\') {
                        c = literal.charAt(++i);
                    }
                    quoted.append(c);
                    i++;
                }
                out.add(quoted.toString());
                i++; // the closing quote
            } else {
                int start = i;
                while (i < end && literal.charAt(i) != ',') {
                    i++;
                }
                String plain = literal.substring(start, i);
                out.add(plain.equalsIgnoreCase("NULL") ? null : plain);
            }
            i++; // the comma (or the closing brace)
        }
        return out;
    }
}
