package org.socialcrm.change;

import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.Cursor;

/**
 * A position in a tenant's feed: (transaction id, row id). Rows are read in that order and only once their
 * transaction is older than every running one, so everything after a position is still to come. The API shows it
 * as an opaque cursor; a malformed one is BAD_USER_INPUT on the given field.
 */
public record ChangePosition(long txId, long id) {

    static final String KIND = "chg";
    public static final ChangePosition START = new ChangePosition(0, 0);

    public String cursor() {
        return new Cursor(KIND, Long.toString(txId), id).encode();
    }

    public static ChangePosition parse(String cursor, String field) {
        if (cursor == null) {
            return null;
        }
        try {
            Cursor decoded = Cursor.decode(cursor, KIND);
            long tx = Long.parseLong(decoded.sortKey());
            if (tx >= 0 && decoded.id() >= 0) {
                return new ChangePosition(tx, decoded.id());
            }
        } catch (BadUserInputException | NumberFormatException e) {
            // falls through to the input error naming the field
        }
        throw new BadUserInputException(field, "is not a change feed cursor");
    }
}
