package org.socialcrm.graphql;

import java.util.List;

/**
 * An object's JSON from the text array of its field values: each key with the writer of its value, or with a value
 * known when the read was compiled ({@code __typename}), which is not read from the database at all.
 */
final class ObjectJson implements TextJson {

    /** One key of the object: its {@code "key":} prefix and either a constant JSON value or the writer of the next element. */
    record Member(String prefix, String constant, TextJson json) {
    }

    private final List<Member> members;

    ObjectJson(List<Member> members) {
        this.members = List.copyOf(members);
    }

    static Member constant(String key, String json) {
        return new Member(prefix(key), json, null);
    }

    static Member read(String key, TextJson json) {
        return new Member(prefix(key), null, json);
    }

    private static String prefix(String key) {
        StringBuilder out = new StringBuilder();
        TextJson.string(key, out);
        return out.append(':').toString();
    }

    @Override
    public void write(String text, StringBuilder out) {
        List<String> values = PgArrayText.elements(text);
        int next = 0;
        out.append('{');
        for (int i = 0; i < members.size(); i++) {
            Member member = members.get(i);
            if (i > 0) {
                out.append(',');
            }
            out.append(member.prefix());
            if (member.constant() != null) {
                out.append(member.constant());
            } else {
                member.json().writeNullable(values.get(next++), out);
            }
        }
        out.append('}');
    }
}
