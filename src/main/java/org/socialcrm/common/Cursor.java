package org.socialcrm.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque keyset cursors: the sort key and the row id of the last row of a page, base64url-encoded. A page that
 * starts after a cursor is stable while rows are inserted, unlike an offset. The text is {@code kind|sort key|id}:
 * neither the kind nor the id holds a {@code |}, so the sort key is whatever lies between the first and the last
 * one, separators included (names with {@code |} page like any other).
 */
public record Cursor(String kind, String sortKey, long id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + "|" + sortKey + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** As {@link #decode(String, String, CursorKey)} for lists whose sort key is text. */
    public static Cursor decode(String encoded, String expectedKind) {
        return decode(encoded, expectedKind, CursorKey.TEXT);
    }

    /**
     * Decodes a cursor of the expected kind whose sort key is what the list's SQL will read it as; anything else is
     * BAD_USER_INPUT on field {@code after}, and nothing of the client's text reaches the database or the logs.
     */
    public static Cursor decode(String encoded, String expectedKind, CursorKey key) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
            int first = text.indexOf('|');
            int last = text.lastIndexOf('|');
            if (first > 0 && last > first && text.substring(0, first).equals(expectedKind)) {
                String sortKey = text.substring(first + 1, last);
                long id = Long.parseLong(text.substring(last + 1));
                if (key.accepts(sortKey)) {
                    return new Cursor(expectedKind, sortKey, id);
                }
            }
        } catch (IllegalArgumentException e) {
            // malformed base64 or an id that is no 64-bit number: falls through to the input error
        }
        throw new BadUserInputException("after", "is not a cursor of this list");
    }
}
