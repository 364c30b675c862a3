package org.socialcrm.contact;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;

/**
 * A number written in international form ('+', its country code and national number, with only spaces or hyphens
 * between the digits, as "+1 212 200-0001" or "+12122000001") read without libphonenumber's {@code parse}, which
 * matches the whole text against its patterns of valid numbers, extensions and punctuation first and was about half of
 * a phone's cost in an import. This is what {@code parse} does for such a text: the first 1-3 digits that are a
 * calling code are the country code and the rest is the national number, which {@code parse} keeps as written unless
 * it starts with a zero (an Italian leading zero) or with what the country's metadata calls a national prefix (its
 * {@code nationalPrefixForParsing}, stripped or transformed). Those, and every other text, go to {@code parse}
 * ({@code PhoneNumbersTest} compares both on every region's example numbers, written several ways, and on random
 * numbers of every calling code).
 */
final class InternationalNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Set<Integer> CALLING_CODES = UTIL.getSupportedCallingCodes();
    private static final MetadataSource METADATA = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
    /** Per calling code, the national prefix pattern of its main region or entity (an empty pattern when it has none). */
    private static final ConcurrentMap<Integer, NationalPrefix> PREFIXES = new ConcurrentHashMap<>();
    private static final int MAX_DIGITS = 15;

    private record NationalPrefix(Pattern pattern, boolean transforms) {
    }

    private InternationalNumbers() {
    }

    /** The digits of a text in international form (country code first, at most 15), or null when it is not one. */
    static String digits(String raw) {
        int start = 0;
        int end = raw.length();
        while (start < end && raw.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && raw.charAt(end - 1) <= ' ') {
            end--;
        }
        if (end - start < 2 || raw.charAt(start) != '+') {
            return null;
        }
        char[] digits = new char[MAX_DIGITS];
        int n = 0;
        for (int i = start + 1; i < end; i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                if (n == MAX_DIGITS) {
                    return null;
                }
                digits[n++] = c;
            } else if (c != ' ' && c != '-') {
                return null;
            }
        }
        return new String(digits, 0, n);
    }

    /** The number as {@code parse} reads "+digits", or null when only {@code parse} can say (see above). */
    static PhoneNumber read(String digits) {
        if (digits.isEmpty() || digits.charAt(0) == '0') {
            return null;
        }
        for (int length = 1; length <= 3 && length < digits.length(); length++) {
            int code = Integer.parseInt(digits, 0, length, 10);
            if (CALLING_CODES.contains(code)) {
                String national = digits.substring(length);
                if (national.length() < 2 || national.charAt(0) == '0' || strips(code, national)) {
                    return null;
                }
                return new PhoneNumber().setCountryCode(code).setNationalNumber(Long.parseLong(national));
            }
        }
        return null;
    }

    /** True when the country's national prefix pattern would strip or transform something of the national number. */
    private static boolean strips(int code, String national) {
        NationalPrefix prefix = PREFIXES.computeIfAbsent(code, InternationalNumbers::prefix);
        if (prefix == null) {
            return true; // no metadata: leave it to parse
        }
        if (prefix.pattern() == null) {
            return false;
        }
        Matcher matcher = prefix.pattern().matcher(national);
        return matcher.lookingAt() && (matcher.end() > 0 || prefix.transforms() && matcher.group(matcher.groupCount()) != null);
    }

    private static NationalPrefix prefix(int code) {
        String region = UTIL.getRegionCodeForCountryCode(code);
        PhoneMetadata metadata = PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY.equals(region)
                ? METADATA.getMetadataForNonGeographicalRegion(code) : METADATA.getMetadataForRegion(region);
        if (metadata == null) {
            return null;
        }
        String parsing = metadata.getNationalPrefixForParsing();
        String transform = metadata.getNationalPrefixTransformRule();
        return new NationalPrefix(parsing == null || parsing.isEmpty() ? null : Pattern.compile(parsing),
                transform != null && !transform.isEmpty());
    }
}
