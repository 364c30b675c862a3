package org.socialcrm.common;

/** Ids are opaque strings in the API and bigint in the database. */
public final class Ids {

    private Ids() {
    }

    /** The numeric id behind an API id, or -1 for anything that cannot be one (matches no row). */
    public static long parse(String id) {
        if (id == null || id.isEmpty() || id.length() > 19) {
            return -1;
        }
        for (int i = 0; i < id.length(); i++) {
            if (!Character.isDigit(id.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(id);
    }

    /** As {@link #parse}, but a malformed id is BAD_USER_INPUT on the given field. */
    public static long require(String id, String field) {
        long value = parse(id);
        if (value < 0) {
            throw new BadUserInputException(field, "is not a valid id");
        }
        return value;
    }

    public static String of(long id) {
        return Long.toString(id);
    }

    /** The API id of a nullable numeric id. */
    public static String text(Long id) {
        return id == null ? null : Long.toString(id);
    }
}
