package org.socialcrm.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque keyset cursors: the sort key and the row id of the last row of a page, base64url-encoded. A page that
 * starts after a cursor is stable while rows are inserted, unlike an offset.
 */
public record Cursor(String kind, String sortKey, long id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + "|" + sortKey + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor of the expected kind; anything else is BAD_USER_INPUT on field {@code after}. */
    public static Cursor decode(String encoded, String expectedKind) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split("\\|", 3);
            if (parts.length == 3 && parts[0].equals(expectedKind)) {
                return new Cursor(parts[0], parts[1], Long.parseLong(parts[2]));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the input error
        }
        throw new BadUserInputException("after", "is not a cursor of this list");
    }
}
