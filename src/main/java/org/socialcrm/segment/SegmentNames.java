package org.socialcrm.segment;

import org.socialcrm.common.BadUserInputException;

/** A segment's name: required, at most 200 characters, unique per tenant (the table's constraint). */
final class SegmentNames {

    private SegmentNames() {
    }

    static String check(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new BadUserInputException("name", "is required, at most 200 characters");
        }
        return name.trim();
    }
}
