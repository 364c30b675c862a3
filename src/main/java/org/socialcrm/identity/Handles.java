package org.socialcrm.identity;

import java.util.Locale;

import org.socialcrm.common.BadUserInputException;

/** Handles are unique per (network, normalised handle): trimmed, lowercased, one leading '@' stripped. */
public final class Handles {

    public static final int MAX_LENGTH = 200;

    private Handles() {
    }

    public static String normalize(String handle) {
        if (handle == null) {
            return null;
        }
        String normalized = handle.trim().toLowerCase(Locale.ROOT);
        if (normalized.startsWith("@")) {
            normalized = normalized.substring(1).trim();
        }
        return normalized;
    }

    /** The normalised handle, or BAD_USER_INPUT on field {@code handle} when it is empty or too long. */
    static String require(String handle) {
        String normalized = normalize(handle);
        if (normalized == null || normalized.isEmpty() || handle.length() > MAX_LENGTH) {
            throw new BadUserInputException("handle", "must be 1-" + MAX_LENGTH + " characters");
        }
        return normalized;
    }
}
