package org.socialcrm.common;

/** Ids are opaque strings in the API and bigint in the database. */
public final class Ids {

    private Ids() {
    }

    /** The numeric id behind an API id, or -1 for anything that cannot be one (matches no row). */
    public static long parse(String id) {
        if (!digits(id)) {
            return -1;
        }
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return -1; // beyond 64 bits
        }
    }

    /**
     * As {@link #parse} for an id argument of a lookup: text that is no number matches no row (-1), but a number
     * beyond 64 bits is BAD_USER_INPUT on the given field, since no id can ever be that large.
     */
    public static long parse(String id, String field) {
        long value = parse(id);
        if (value < 0 && digits(id)) {
            throw new BadUserInputException(field, "is not a valid id");
        }
        return value;
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

    private static boolean digits(String id) {
        if (id == null || id.isEmpty()) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
