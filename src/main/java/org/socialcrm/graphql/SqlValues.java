package org.socialcrm.graphql;

import java.util.Arrays;
import java.util.stream.Collectors;

/** SQL expressions that give a column the value the GraphQL API gives it (as text: {@link TextValue}). */
final class SqlValues {

    private SqlValues() {
    }

    /** An id: bigint in the database, a string in the API. */
    static String id(String column) {
        return "%1$s." + column + "::text";
    }

    /**
     * A DateTime as SmallRye writes an OffsetDateTime read from PostgreSQL (ISO-8601 in UTC, seconds always, the
     * fraction without trailing zeros, {@code Z}). PostgreSQL's own text of a timestamp (DateStyle ISO, the default)
     * is that with a space for the T; to_char would cost six times as much.
     */
    static String dateTime(String column) {
        return "(replace((%1$s." + column + " at time zone 'UTC')::text, ' ', 'T') || 'Z')";
    }

    /** A count column as a GraphQL Int (32 bits), capped like the general path caps it. */
    static String int32(String column) {
        // greatest/least skip nulls in PostgreSQL: a null count must stay null
        return "case when %1$s." + column + " is null then null else least(greatest(%1$s." + column + ", -2147483648), 2147483647) end";
    }

    /** A text array that the API never returns as null. */
    static String textArray(String column) {
        return "coalesce(%1$s." + column + ", '{}')";
    }

    /** An enum stored as its constant's name; null stays null, anything else reads as {@code fallback}. */
    static String storedEnum(String column, Enum<?>[] constants, String fallback) {
        String names = Arrays.stream(constants).map(c -> SqlJson.text(c.name())).collect(Collectors.joining(", "));
        return "case when %1$s." + column + " is null then null when %1$s." + column + " in (" + names + ") then %1$s." + column + " else "
                + SqlJson.text(fallback) + " end";
    }
}
