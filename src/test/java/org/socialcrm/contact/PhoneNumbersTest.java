package org.socialcrm.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** E.164 and the kind of line, with the number's patterns matched once (valid = its type is known). */
class PhoneNumbersTest {

    private static Optional<PhoneNumbers.Normalized> n(String raw, String country) {
        return PhoneNumbers.normalize(raw, country);
    }

    @Test
    void validNumbersGetE164AndTheirKind() {
        assertEquals(Optional.of(new PhoneNumbers.Normalized("+12122000001", "MOBILE")), n("+1 212 200 0001", null)); // US: fixed or mobile
        assertEquals(Optional.of(new PhoneNumbers.Normalized("+14155552671", "MOBILE")), n("(415) 555-2671", "us"));
        assertEquals(Optional.of(new PhoneNumbers.Normalized("+447911123456", "MOBILE")), n("07911 123456", "GB"));
        assertEquals(Optional.of(new PhoneNumbers.Normalized("+493012345678", "LANDLINE")), n("+49 30 12345678", "FR"));
        assertEquals(Optional.of(new PhoneNumbers.Normalized("+80012345678", "OTHER")), n("+800 1234 5678", null)); // non-geographic
    }

    @Test
    void invalidOnesAreEmpty() {
        assertTrue(n("+1 212 000 0000", null).isEmpty()); // no such exchange
        assertTrue(n("030 12345678", null).isEmpty()); // national without a country
        assertTrue(n("not a number", "US").isEmpty());
        assertTrue(n("+49 30 1", null).isEmpty()); // too short
        assertTrue(n("", "US").isEmpty());
        assertTrue(n("1".repeat(41), "US").isEmpty());
    }
}
