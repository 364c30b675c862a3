package org.socialcrm.contact;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;

/**
 * libphonenumber's {@code getNumberType}, computed the way it does from the same metadata, with each pattern matched
 * once. libphonenumber first finds the region of a number whose calling code several regions share (the 25 of +1)
 * by computing its type in each region in turn, then computes that type again; and it matches every pattern twice
 * ({@code lookingAt}, then {@code matches}). That was about a fifth of the app's CPU in a contact import. Here the
 * type found while looking for the region is kept and a pattern is matched with {@code matches} only (the same
 * answer). Numbers with an Italian leading zero, and calling codes whose metadata this does not find, are left to
 * libphonenumber. {@code PhoneNumbersTest} compares both on every region's example numbers, their neighbours and
 * random numbers of every calling code.
 */
final class NumberTypes {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final MetadataSource METADATA = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
    /** Per calling code its regions in libphonenumber's order; empty when this leaves the code to libphonenumber. */
    private static final ConcurrentMap<Integer, Optional<List<Region>>> CODES = new ConcurrentHashMap<>();

    private NumberTypes() {
    }

    /** The number's type, as {@code PhoneNumberUtil.getNumberType} answers. */
    static PhoneNumberType of(PhoneNumber number) {
        Optional<List<Region>> regions = number.isItalianLeadingZero() ? Optional.empty()
                : CODES.computeIfAbsent(number.getCountryCode(), NumberTypes::regions);
        if (regions.isEmpty()) {
            return UTIL.getNumberType(number);
        }
        String national = Long.toString(number.getNationalNumber());
        List<Region> list = regions.get();
        if (list.size() == 1) {
            return list.get(0).type(national);
        }
        // getRegionCodeForNumberFromRegionList: the first region whose leading digits start the number, else whose
        // patterns know it; the number's type is then that region's
        for (Region region : list) {
            if (region.leadingDigits != null) {
                if (region.leadingDigits.matcher(national).lookingAt()) {
                    return region.type(national);
                }
            } else {
                PhoneNumberType type = region.type(national);
                if (type != PhoneNumberType.UNKNOWN) {
                    return type;
                }
            }
        }
        return PhoneNumberType.UNKNOWN;
    }

    private static Optional<List<Region>> regions(int code) {
        List<String> names = UTIL.getRegionCodesForCountryCode(code);
        if (names.isEmpty()) {
            return Optional.empty();
        }
        List<Region> regions = new ArrayList<>();
        for (String name : names) {
            boolean entity = PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY.equals(name);
            if (entity && names.size() > 1) {
                return Optional.empty();
            }
            PhoneMetadata metadata = entity ? METADATA.getMetadataForNonGeographicalRegion(code) : METADATA.getMetadataForRegion(name);
            if (metadata == null) {
                return Optional.empty();
            }
            regions.add(new Region(metadata));
        }
        return Optional.of(List.copyOf(regions));
    }

    /** One region's patterns, compiled once. */
    private static final class Region {
        private static final PhoneNumberType[] SPECIAL = { PhoneNumberType.PREMIUM_RATE, PhoneNumberType.TOLL_FREE,
            PhoneNumberType.SHARED_COST, PhoneNumberType.VOIP, PhoneNumberType.PERSONAL_NUMBER, PhoneNumberType.PAGER,
            PhoneNumberType.UAN, PhoneNumberType.VOICEMAIL };

        final Pattern leadingDigits;
        final Desc general;
        /** In the order of {@link #SPECIAL}. */
        final Desc[] special;
        final Desc fixedLine;
        final Desc mobile;
        final boolean sameMobileAndFixedLine;

        Region(PhoneMetadata m) {
            leadingDigits = m.hasLeadingDigits() ? Pattern.compile(m.getLeadingDigits()) : null;
            general = new Desc(m.getGeneralDesc());
            special = new Desc[] { new Desc(m.getPremiumRate()), new Desc(m.getTollFree()), new Desc(m.getSharedCost()),
                new Desc(m.getVoip()), new Desc(m.getPersonalNumber()), new Desc(m.getPager()), new Desc(m.getUan()),
                new Desc(m.getVoicemail()) };
            fixedLine = new Desc(m.getFixedLine());
            mobile = new Desc(m.getMobile());
            sameMobileAndFixedLine = m.getSameMobileAndFixedLinePattern();
        }

        /** getNumberTypeHelper. */
        PhoneNumberType type(String national) {
            if (!general.matches(national)) {
                return PhoneNumberType.UNKNOWN;
            }
            for (int i = 0; i < special.length; i++) {
                if (special[i].matches(national)) {
                    return SPECIAL[i];
                }
            }
            if (fixedLine.matches(national)) {
                return sameMobileAndFixedLine || mobile.matches(national) ? PhoneNumberType.FIXED_LINE_OR_MOBILE : PhoneNumberType.FIXED_LINE;
            }
            return !sameMobileAndFixedLine && mobile.matches(national) ? PhoneNumberType.MOBILE : PhoneNumberType.UNKNOWN;
        }
    }

    /** isNumberMatchingDesc: a possible length (when the description lists any), then the whole pattern. */
    private static final class Desc {
        final Pattern pattern;
        final List<Integer> lengths;

        Desc(PhoneNumberDesc desc) {
            String regex = desc.getNationalNumberPattern();
            pattern = regex.isEmpty() ? null : Pattern.compile(regex);
            lengths = List.copyOf(desc.getPossibleLengthList());
        }

        boolean matches(String national) {
            if (!lengths.isEmpty() && !lengths.contains(national.length())) {
                return false;
            }
            return pattern != null && pattern.matcher(national).matches();
        }
    }
}
