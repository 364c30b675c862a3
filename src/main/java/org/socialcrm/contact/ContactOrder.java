package org.socialcrm.contact;

import org.eclipse.microprofile.graphql.Enum;
import org.socialcrm.common.CursorKey;

/** Sort orders of contact lists, each with its keyset (sort key, id) for stable cursors. */
@Enum("ContactOrder")
public enum ContactOrder {
    UPDATED_AT_DESC("c.updated_at", "timestamptz", CursorKey.TIMESTAMP, false),
    CREATED_AT_DESC("c.created_at", "timestamptz", CursorKey.TIMESTAMP, false),
    NAME_ASC("lower(c.display_name)", "text", CursorKey.TEXT, true),
    INFLUENCE_DESC("coalesce(c.influence_score, -1)", "float8", CursorKey.NUMBER, false);

    final String keyExpression;
    final String keyType;
    private final CursorKey cursorKey;
    final boolean ascending;

    ContactOrder(String keyExpression, String keyType, CursorKey cursorKey, boolean ascending) {
        this.keyExpression = keyExpression;
        this.keyType = keyType;
        this.cursorKey = cursorKey;
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

    /** What the sort key of this order's cursors must be. */
    public CursorKey cursorKey() {
        return cursorKey;
    }
}
