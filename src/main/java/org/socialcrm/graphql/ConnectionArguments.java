package org.socialcrm.graphql;

import java.util.Map;

import org.socialcrm.common.ApiException;
import org.socialcrm.common.Cursor;
import org.socialcrm.common.CursorKey;
import org.socialcrm.common.PageSize;

/** {@code first} and {@code after} checked as the general path checks them; a refusal is its to word. */
public final class ConnectionArguments {

    private ConnectionArguments() {
    }

    public static int first(Map<String, Object> arguments, int defaultSize) {
        try {
            return PageSize.check(integer(arguments.get("first")), defaultSize);
        } catch (ApiException e) {
            throw new NotCompilable("first out of range");
        }
    }

    /** An Int argument (SmallRye's scalars coerce numbers to BigDecimal/BigInteger). */
    public static Integer integer(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number) || number.doubleValue() != number.intValue()) {
            throw new NotCompilable("an Int out of range");
        }
        return number.intValue();
    }

    /** A Float argument. */
    public static Double decimal(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    public static Cursor after(Map<String, Object> arguments, String kind, CursorKey key) {
        Object after = arguments.get("after");
        if (after == null) {
            return null;
        }
        try {
            return Cursor.decode(after.toString(), kind, key);
        } catch (ApiException e) {
            throw new NotCompilable("a malformed cursor");
        }
    }
}
