package org.socialcrm.contact;

import org.eclipse.microprofile.graphql.Enum;

/** Sort orders of contact lists, each with its keyset (sort key, id) for stable cursors. */
@Enum("ContactOrder")
public enum ContactOrder {
    UPDATED_AT_DESC("c.updated_at", "timestamptz", false),
    CREATED_AT_DESC("c.created_at", "timestamptz", false),
    NAME_ASC("lower(c.display_name)", "text", true),
    INFLUENCE_DESC("coalesce(c.influence_score, -1)", "float8", false);

    final String keyExpression;
    final String keyType;
    final boolean ascending;

    ContactOrder(String keyExpression, String keyType, boolean ascending) {
        this.keyExpression = keyExpression;
        this.keyType = keyType;
        this.ascending = ascending;
    }

    String orderBy() {
        String direction = ascending ? " asc" : " desc";
        return keyExpression + direction + ", c.id" + direction;
    }

    /** The keyset condition for rows after a cursor, with placeholders $key and $id. */
    String after(int keyParam, int idParam) {
        return "(" + keyExpression + ", c.id) " + (ascending ? ">" : "<") + " ($" + keyParam + "::text::" + keyType + ", $" + idParam + ")";
    }

    public String cursorKind() {
        return "c" + ordinal();
    }
}
