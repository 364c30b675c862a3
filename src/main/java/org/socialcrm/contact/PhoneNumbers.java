package org.socialcrm.contact;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** Phone numbers in E.164 (libphonenumber); national numbers are read in the contact's country when it is known. */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final int MAX_LENGTH = 40;

    /** A valid number, E.164 and what kind of line it is. */
    public record Normalized(String e164, String kind) {
    }

    private PhoneNumbers() {
    }

    /** The number in E.164, or empty when it is no valid number (also for national numbers without a country). */
    public static Optional<Normalized> normalize(String raw, String country) {
        if (raw == null || raw.isBlank() || raw.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String international = InternationalNumbers.digits(raw);
        if (international != null) {
            PhoneNumber number = InternationalNumbers.read(international);
            if (number != null) {
                PhoneNumberType type = NumberTypes.of(number);
                return type == PhoneNumberType.UNKNOWN ? Optional.empty() : Optional.of(new Normalized("+" + international, kind(type)));
            }
        }
        return parsed(raw, country, NumberTypes::of);
    }

    /** As {@link #normalize}, always through libphonenumber's parse and type (the reference its tests compare with). */
    static Optional<Normalized> parsed(String raw, String country) {
        return parsed(raw, country, UTIL::getNumberType);
    }

    private static Optional<Normalized> parsed(String raw, String country, Function<PhoneNumber, PhoneNumberType> types) {
        String region = country == null || country.length() != 2 ? "ZZ" : country.toUpperCase(Locale.ROOT);
        try {
            PhoneNumber number = UTIL.parse(raw.trim(), region);
            // a valid number is one whose type is known (what isValidNumber computes too): the patterns are matched once
            PhoneNumberType type = types.apply(number);
            if (type == PhoneNumberType.UNKNOWN) {
                return Optional.empty();
            }
            return Optional.of(new Normalized(UTIL.format(number, PhoneNumberFormat.E164), kind(type)));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    private static String kind(PhoneNumberType type) {
        return switch (type) {
            case MOBILE, FIXED_LINE_OR_MOBILE -> "MOBILE";
            case FIXED_LINE -> "LANDLINE";
            default -> "OTHER";
        };
    }
}
