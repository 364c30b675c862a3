package org.socialcrm.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

/**
 * E.164 and the kind of line, with the number's patterns matched once (valid = its type is known); numbers written in
 * international form are read without libphonenumber's parse, with its answers.
 */
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
    void internationalNumbersAreReadAsLibphonenumbersParseReadsThem() {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        Random random = new Random(164);
        List<String> texts = new ArrayList<>();
        List<Phonenumber.PhoneNumber> examples = new ArrayList<>();
        for (String region : util.getSupportedRegions()) {
            for (PhoneNumberUtil.PhoneNumberType type : util.getSupportedTypesForRegion(region)) {
                examples.add(util.getExampleNumberForType(region, type));
            }
            examples.add(util.getInvalidExampleNumber(region));
        }
        for (int code : util.getSupportedGlobalNetworkCallingCodes()) {
            examples.add(util.getExampleNumberForNonGeoEntity(code));
        }
        for (Phonenumber.PhoneNumber example : examples) {
            if (example == null) {
                continue;
            }
            String e164 = util.format(example, PhoneNumberUtil.PhoneNumberFormat.E164);
            texts.add(e164);
            texts.add(util.format(example, PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL));
            texts.add(" " + e164.charAt(0) + " " + e164.substring(1).replaceAll("(\\d{3})", "$1-") + " ");
            for (int v = 0; v < 10; v++) { // the same number with its last digits changed: valid and invalid neighbours
                int keep = Math.max(2, e164.length() - 1 - random.nextInt(5));
                StringBuilder changed = new StringBuilder(e164.substring(0, keep));
                while (changed.length() < e164.length() + random.nextInt(3) - 1) {
                    changed.append(random.nextInt(10));
                }
                texts.add(changed.toString());
            }
        }
        for (int code : util.getSupportedCallingCodes()) { // random national numbers of every calling code and length
            for (int v = 0; v < 40; v++) {
                StringBuilder text = new StringBuilder("+" + code + (v % 2 == 0 ? " " : ""));
                int length = 1 + random.nextInt(14);
                for (int i = 0; i < length; i++) {
                    text.append(random.nextInt(10));
                }
                texts.add(text.toString());
            }
        }
        texts.addAll(List.of("+", "+1", "+12", "+1 2", "+0 212 200 0001", "+00 1 212 200 0001", "++1 212 200 0001", "+999 1234 5678",
                "+1 212 200 0001 x12", "+1 (212) 200-0001", "+1 212 200 0001 -", "+12122000001234567", "+49 0301 2345678"));
        int read = 0;
        for (String text : texts) {
            for (String country : new String[] { null, "US", "DE", "AR" }) {
                assertEquals(PhoneNumbers.parsed(text, country), n(text, country), () -> text + " in " + country);
            }
            read += InternationalNumbers.digits(text) != null && InternationalNumbers.read(InternationalNumbers.digits(text)) != null ? 1 : 0;
        }
        // most texts above are read without parse; the others (national prefixes, leading zeros, unknown codes) by parse
        assertTrue(read > texts.size() / 2, read + " of " + texts.size());
    }

    @Test
    void typesAreLibphonenumbersTypes() {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        Random random = new Random(1212);
        List<Phonenumber.PhoneNumber> numbers = new ArrayList<>();
        List<String> nationals = new ArrayList<>(); // national forms in their region, read through parse
        for (String region : util.getSupportedRegions()) {
            for (PhoneNumberUtil.PhoneNumberType type : util.getSupportedTypesForRegion(region)) {
                Phonenumber.PhoneNumber example = util.getExampleNumberForType(region, type);
                if (example != null) {
                    numbers.add(example);
                    nationals.add(region + ":" + util.format(example, PhoneNumberUtil.PhoneNumberFormat.NATIONAL));
                    for (int v = 0; v < 20; v++) { // neighbours: the last 1-5 digits changed, the length kept or changed by one
                        String digits = Long.toString(example.getNationalNumber());
                        int keep = Math.max(1, digits.length() - 1 - random.nextInt(5));
                        StringBuilder changed = new StringBuilder(digits.substring(0, keep));
                        while (changed.length() < digits.length() + random.nextInt(3) - 1) {
                            changed.append(random.nextInt(10));
                        }
                        numbers.add(new Phonenumber.PhoneNumber().setCountryCode(example.getCountryCode())
                                .setNationalNumber(Long.parseLong(changed.toString())).setItalianLeadingZero(example.isItalianLeadingZero()));
                    }
                }
            }
        }
        for (int code : util.getSupportedCallingCodes()) { // random numbers of every calling code and length
            for (int v = 0; v < 200; v++) {
                long national = (long) (Math.pow(10, 1 + random.nextInt(13)) * (1 + 9 * random.nextDouble()));
                numbers.add(new Phonenumber.PhoneNumber().setCountryCode(code).setNationalNumber(national).setItalianLeadingZero(v % 17 == 0));
            }
        }
        for (int area = 200; area <= 999; area++) { // +1: every area code of the 25 NANPA regions, several exchanges each
            for (int exchange : new int[] { 100, 200, 555, 911, 999 }) {
                numbers.add(new Phonenumber.PhoneNumber().setCountryCode(1).setNationalNumber(area * 10_000_000L + exchange * 10_000L + random.nextInt(10_000)));
            }
        }
        numbers.add(new Phonenumber.PhoneNumber().setCountryCode(999).setNationalNumber(12345678)); // no such calling code
        java.util.Map<PhoneNumberUtil.PhoneNumberType, Integer> seen = new java.util.EnumMap<>(PhoneNumberUtil.PhoneNumberType.class);
        for (Phonenumber.PhoneNumber number : numbers) {
            PhoneNumberUtil.PhoneNumberType expected = util.getNumberType(number);
            assertEquals(expected, NumberTypes.of(number), number::toString);
            seen.merge(expected, 1, Integer::sum);
        }
        assertEquals(java.util.EnumSet.allOf(PhoneNumberUtil.PhoneNumberType.class), seen.keySet(), seen::toString); // every type met
        for (String national : nationals) {
            String region = national.substring(0, 2);
            String text = national.substring(3);
            assertEquals(PhoneNumbers.parsed(text, region), n(text, region), () -> text + " in " + region);
        }
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
