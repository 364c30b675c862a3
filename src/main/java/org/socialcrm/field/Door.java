package org.socialcrm.field;

/**
 * One household to knock on, as the turf cutter sees it: its key, mean coordinates (null when no member has any), its
 * normalised postal code and street line (for households without coordinates), and the segment members living there.
 */
record Door(String key, Double latitude, Double longitude, String postalCode, String street, long[] contactIds) {

    boolean located() {
        return latitude != null && longitude != null;
    }
}
