package org.socialcrm.common;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a list's sort key is in SQL, so that a cursor's key is checked before the database casts it. */
public enum CursorKey {

    /** PostgreSQL's text of a timestamptz ({@code 2026-12-01 22:17:11.123456+00}), cast back with {@code ::timestamptz}. */
    TIMESTAMP {
        @Override
        boolean accepts(String key) {
            Matcher m = TIMESTAMP_TEXT.matcher(key);
            if (!m.matches()) {
                return false;
            }
            try {
                LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
            } catch (DateTimeException e) {
                return false;
            }
            return Integer.parseInt(m.group(1)) <= MAX_YEAR && Integer.parseInt(m.group(7)) <= 15;
        }
    },
    /** A float8 as PostgreSQL ({@code -1}, {@code 1e+20}) or Java ({@code 42.5}, {@code 1.0E20}) writes it. */
    NUMBER {
        @Override
        boolean accepts(String key) {
            if (!NUMBER_TEXT.matcher(key).matches()) {
                return false;
            }
            double value = Double.parseDouble(key);
            // out of float8's range either way (PostgreSQL refuses what Java rounds to infinity or zero)
            return !Double.isInfinite(value) && (value != 0 || !key.replaceAll("[eE].*", "").matches(".*[1-9].*"));
        }
    },
    /** Any text PostgreSQL can hold (no NUL character). */
    TEXT {
        @Override
        boolean accepts(String key) {
            return key.indexOf('\0') < 0;
        }
    };

    /** The last year PostgreSQL's timestamptz holds in full. */
    private static final int MAX_YEAR = 294275;
    private static final Pattern TIMESTAMP_TEXT = Pattern.compile(
            "(\\d{4,6})-(\\d{2})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.\\d{1,6})?[+-](\\d{2})(?::\\d{2}){0,2}");
    private static final Pattern NUMBER_TEXT = Pattern.compile("-?\\d{1,20}(?:\\.\\d{1,20})?(?:[eE][+-]?\\d{1,3})?");

    abstract boolean accepts(String key);
}
