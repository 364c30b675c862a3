package org.socialcrm.graphql;

import java.util.Iterator;
import java.util.List;

/**
 * An object's JSON from its field values in selection order: each key with the writer of its value, or with a value
 * known when the read was compiled ({@code __typename}), which is not read from the database at all. The values come
 * from the text array of the object (a nested object or a list's element) or from the columns of a row (a page read
 * as rows, {@link PageAsRows}), where an object nested in the row ({@code node} in an edge) takes its own values from
 * the same columns ({@link #inline}).
 */
final class ObjectJson implements TextJson {

    /**
     * One key of the object: its {@code "key":} prefix and either a constant JSON value, the writer of the next value,
     * or an object written from the next values.
     */
    record Member(String prefix, String constant, TextJson json, ObjectJson inline) {
    }

    private final List<Member> members;

    ObjectJson(List<Member> members) {
        this.members = List.copyOf(members);
    }

    static Member constant(String key, String json) {
        return new Member(prefix(key), json, null, null);
    }

    static Member read(String key, TextJson json) {
        return new Member(prefix(key), null, json, null);
    }

    /** An object whose values are the next ones of this object's, not one text value of its own. */
    static Member inline(String key, ObjectJson object) {
        return new Member(prefix(key), null, null, object);
    }

    private static String prefix(String key) {
        StringBuilder out = new StringBuilder();
        TextJson.string(key, out);
        return out.append(':').toString();
    }

    @Override
    public void write(String text, StringBuilder out) {
        write(PgArrayText.elements(text).iterator(), out);
    }

    /** Writes the object from {@code values}, taking as many as its members read. */
    void write(Iterator<String> values, StringBuilder out) {
        out.append('{');
        for (int i = 0; i < members.size(); i++) {
            Member member = members.get(i);
            if (i > 0) {
                out.append(',');
            }
            out.append(member.prefix());
            if (member.constant() != null) {
                out.append(member.constant());
            } else if (member.inline() != null) {
                member.inline().write(values, out);
            } else {
                member.json().writeNullable(values.next(), out);
            }
        }
        out.append('}');
    }
}
