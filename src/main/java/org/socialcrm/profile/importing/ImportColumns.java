package org.socialcrm.profile.importing;

import static org.socialcrm.common.JsonValues.JSON;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.json.JsonObjectBuilder;

import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.ConsentStatus;
import org.socialcrm.common.ContactChannel;
import org.socialcrm.common.Network;
import org.socialcrm.identity.Handles;
import org.socialcrm.identity.SocialIdentityInput;
import org.socialcrm.profile.AddressInput;
import org.socialcrm.profile.ChannelPreferenceInput;
import org.socialcrm.profile.ContactUpsertInput;
import org.socialcrm.profile.CustomFieldDefinition;
import org.socialcrm.profile.CustomFields;
import org.socialcrm.profile.ExternalIdInput;
import org.socialcrm.profile.MatchKey;
import org.socialcrm.profile.TagsMode;

/**
 * A contact CSV header, and each record's cells turned into the ContactUpsertInput the upsert takes, with no JSON in
 * between: columns named after its fields ({@code address.city} or {@code city}), lists separated by ';',
 * {@code external:<system>}, {@code field:<key>} (text, typed by the field's definition when the row is applied),
 * {@code identity:<network>} and {@code consent:<channel>} (OPTED_IN, OPTED_OUT, UNKNOWN). The upload checks each
 * record ({@link #check}) and stages its text; the worker reads the header back from the job ({@code import_job.csv_columns})
 * and converts the cells ({@link #toInput}).
 */
final class ImportColumns {

    private static final Set<String> TEXT = Set.of("firstName", "lastName", "lifecycleStage", "language", "tagsMode", "preferredChannel");
    private static final Set<String> LISTS = Set.of("emails", "phones", "tags");
    private static final Set<String> ADDRESS = Set.of("line1", "line2", "city", "region", "postalCode", "country", "latitude", "longitude");
    private static final Set<String> OTHER = Set.of("supportLevel", "doNotContact", "email", "phone", "consentSource", "consentLegalBasis");

    /** What a column holds; {@code key} below says which field, system, custom field, network or channel. */
    private enum Kind {
        FIRST_NAME, LAST_NAME, LIFECYCLE_STAGE, LANGUAGE, TAGS_MODE, PREFERRED_CHANNEL, EMAILS, PHONES, TAGS, ADDRESS, LATITUDE,
        LONGITUDE, EXTERNAL_ID, CUSTOM_FIELD, IDENTITY, CONSENT, CONSENT_SOURCE, CONSENT_LEGAL_BASIS, SUPPORT_LEVEL, DO_NOT_CONTACT
    }

    private final String[] names;
    private final Kind[] kinds;
    private final String[] keys;

    private ImportColumns(String[] names) {
        this.names = names;
        this.kinds = new Kind[names.length];
        this.keys = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            kinds[i] = kind(name);
            keys[i] = switch (kinds[i]) {
                case ADDRESS -> name.substring(8);
                case EXTERNAL_ID -> name.substring(9);
                case CUSTOM_FIELD -> name.substring(6);
                case IDENTITY -> name.substring(9).toUpperCase(Locale.ROOT);
                case CONSENT -> name.substring(8).toUpperCase(Locale.ROOT);
                default -> name;
            };
        }
    }

    private static Kind kind(String name) {
        if (name.startsWith("address.")) {
            return name.equals("address.latitude") ? Kind.LATITUDE : name.equals("address.longitude") ? Kind.LONGITUDE : Kind.ADDRESS;
        }
        if (name.startsWith("external:")) {
            return Kind.EXTERNAL_ID;
        }
        if (name.startsWith("field:")) {
            return Kind.CUSTOM_FIELD;
        }
        if (name.startsWith("identity:")) {
            return Kind.IDENTITY;
        }
        if (name.startsWith("consent:")) {
            return Kind.CONSENT;
        }
        return switch (name) {
            case "firstName" -> Kind.FIRST_NAME;
            case "lastName" -> Kind.LAST_NAME;
            case "lifecycleStage" -> Kind.LIFECYCLE_STAGE;
            case "language" -> Kind.LANGUAGE;
            case "tagsMode" -> Kind.TAGS_MODE;
            case "preferredChannel" -> Kind.PREFERRED_CHANNEL;
            case "emails", "email" -> Kind.EMAILS;
            case "phones", "phone" -> Kind.PHONES;
            case "tags" -> Kind.TAGS;
            case "consentSource" -> Kind.CONSENT_SOURCE;
            case "consentLegalBasis" -> Kind.CONSENT_LEGAL_BASIS;
            case "supportLevel" -> Kind.SUPPORT_LEVEL;
            case "doNotContact" -> Kind.DO_NOT_CONTACT;
            default -> throw new IllegalStateException("unchecked column " + name);
        };
    }

    /** The header, checked: every column must mean something (BAD_USER_INPUT naming the first unknown one). */
    static ImportColumns of(String[] header) {
        String[] names = new String[header.length];
        for (int i = 0; i < header.length; i++) {
            String name = header[i] == null ? "" : header[i].trim();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1);
            }
            String plain = name.startsWith("address.") ? name.substring(8) : name;
            boolean known = TEXT.contains(name) || LISTS.contains(name) || OTHER.contains(name) || ADDRESS.contains(plain)
                    || (name.startsWith("external:") && name.length() > 9) || (name.startsWith("field:") && name.length() > 6)
                    || (name.startsWith("identity:") && isNetwork(name.substring(9)))
                    || (name.startsWith("consent:") && isChannel(name.substring(8)));
            if (!known) {
                throw new BadUserInputException("header", "unknown column '" + (name.length() > 60 ? name.substring(0, 60) : name)
                        + "'; see docs/import.md for the column names");
            }
            names[i] = ADDRESS.contains(plain) ? "address." + plain : name;
        }
        return new ImportColumns(names);
    }

    /** The columns as {@link #of} gave them, checked already: what the job keeps ({@code import_job.csv_columns}). */
    static ImportColumns stored(String[] names) {
        return new ImportColumns(names);
    }

    /** The column names, canonical ({@code city} is {@code address.city}), to store with the job. */
    String[] names() {
        return names.clone();
    }

    /**
     * What the upload refuses in a record (IllegalArgumentException, "field: message"): a cell count that differs from the
     * header's, a coordinate or support level that is no number, a doNotContact that is no yes/no.
     */
    void check(String[] cells) {
        if (cells.length != names.length) {
            throw new IllegalArgumentException("has " + cells.length + " values; the header has " + names.length + " columns");
        }
        for (int i = 0; i < cells.length; i++) {
            Kind kind = kinds[i];
            if (kind == Kind.LATITUDE || kind == Kind.LONGITUDE || kind == Kind.SUPPORT_LEVEL || kind == Kind.DO_NOT_CONTACT) {
                String cell = cell(cells, i);
                if (!cell.isEmpty()) {
                    if (kind == Kind.DO_NOT_CONTACT) {
                        bool(names[i], cell);
                    } else {
                        number(names[i], cell);
                    }
                }
            }
        }
    }

    /**
     * The record as the upsert's input (cells checked by {@link #check} at upload). An unknown tagsMode, preferredChannel
     * or consent status is BAD_USER_INPUT, as for an NDJSON line; custom fields are typed by their definitions.
     */
    ContactUpsertInput toInput(String[] cells, Map<String, CustomFieldDefinition> definitions) {
        try {
            return convert(cells, definitions);
        } catch (IllegalArgumentException e) {
            throw new BadUserInputException("row", "an enum value is unknown (tagsMode, preferredChannel, network, channel or status)");
        }
    }

    private ContactUpsertInput convert(String[] cells, Map<String, CustomFieldDefinition> definitions) {
        String firstName = null;
        String lastName = null;
        String stage = null;
        String language = null;
        String tagsMode = null;
        String preferred = null;
        List<String> emails = null;
        List<String> phones = null;
        List<String> tags = null;
        Map<String, String> address = null;
        Double latitude = null;
        Double longitude = null;
        List<ExternalIdInput> externalIds = null;
        Map<String, String> fields = null;
        List<SocialIdentityInput> identities = null;
        List<String[]> consent = null;
        String consentSource = null;
        String consentBasis = null;
        Integer supportLevel = null;
        Boolean doNotContact = null;
        for (int i = 0; i < kinds.length; i++) {
            String cell = cell(cells, i);
            if (cell.isEmpty()) {
                continue;
            }
            switch (kinds[i]) {
                case FIRST_NAME -> firstName = cell;
                case LAST_NAME -> lastName = cell;
                case LIFECYCLE_STAGE -> stage = cell;
                case LANGUAGE -> language = cell;
                case TAGS_MODE -> tagsMode = cell;
                case PREFERRED_CHANNEL -> preferred = cell;
                case EMAILS -> emails = split(cell, emails);
                case PHONES -> phones = split(cell, phones);
                case TAGS -> tags = split(cell, tags);
                case ADDRESS -> (address = address == null ? new LinkedHashMap<>() : address).put(keys[i], cell);
                case LATITUDE -> latitude = number(names[i], cell);
                case LONGITUDE -> longitude = number(names[i], cell);
                case EXTERNAL_ID -> (externalIds = externalIds == null ? new ArrayList<>() : externalIds).add(new ExternalIdInput(keys[i], cell));
                case CUSTOM_FIELD -> (fields = fields == null ? new LinkedHashMap<>() : fields).put(keys[i], cell);
                case IDENTITY -> {
                    for (String handle : split(cell, null)) {
                        (identities = identities == null ? new ArrayList<>() : identities)
                                .add(new SocialIdentityInput(Network.valueOf(keys[i]), handle, null, null, null));
                    }
                }
                case CONSENT -> (consent = consent == null ? new ArrayList<>() : consent).add(new String[] { keys[i], cell });
                case CONSENT_SOURCE -> consentSource = cell;
                case CONSENT_LEGAL_BASIS -> consentBasis = cell;
                case SUPPORT_LEVEL -> supportLevel = number(names[i], cell).intValue();
                case DO_NOT_CONTACT -> doNotContact = bool(names[i], cell);
            }
        }
        List<ChannelPreferenceInput> preferences = null;
        if (consent != null) {
            preferences = new ArrayList<>(consent.size());
            for (String[] c : consent) {
                preferences.add(new ChannelPreferenceInput(ContactChannel.valueOf(c[0]), ConsentStatus.valueOf(c[1].toUpperCase(Locale.ROOT)),
                        consentSource, consentBasis));
            }
        }
        AddressInput addressInput = address == null && latitude == null && longitude == null ? null
                : address == null ? new AddressInput(null, null, null, null, null, null, latitude, longitude)
                : new AddressInput(address.get("line1"), address.get("line2"), address.get("city"), address.get("region"),
                        address.get("postalCode"), address.get("country"), latitude, longitude);
        TagsMode mode = tagsMode == null ? TagsMode.ADD : TagsMode.valueOf(tagsMode.toUpperCase(Locale.ROOT));
        jakarta.json.JsonValue customFields = fields == null ? null : typed(fields, definitions);
        return new ContactUpsertInput(externalIds, emails, phones, firstName, lastName, addressInput, tags, mode, customFields, preferences,
                identities, stage, language, supportLevel, preferred == null ? null : ContactChannel.valueOf(preferred.toUpperCase(Locale.ROOT)),
                doNotContact);
    }

    /** Text cells read as the type of their field's definition (an unknown field stays text: the upsert names it). */
    private static jakarta.json.JsonValue typed(Map<String, String> fields, Map<String, CustomFieldDefinition> definitions) {
        JsonObjectBuilder typed = JSON.createObjectBuilder();
        fields.forEach((key, text) -> {
            CustomFieldDefinition definition = definitions.get(key);
            typed.add(key, definition == null ? JSON.createValue(text) : CustomFields.fromText(text, definition));
        });
        return typed.build();
    }

    /**
     * The record's lane bucket: as {@link LaneKeys#bucket} gives it for the same row as JSON (the first match key in
     * {@code matchOn} order: the first external id, e-mail, phone or handle of the record).
     */
    short bucket(String[] cells, List<MatchKey> matchOn) {
        for (MatchKey kind : matchOn == null || matchOn.isEmpty() ? List.of(MatchKey.values()) : matchOn) {
            String key = switch (kind) {
                case EXTERNAL_ID -> {
                    int i = first(cells, Kind.EXTERNAL_ID);
                    yield i < 0 ? null : keys[i].trim() + '\u001f' + cell(cells, i);
                }
                case EMAIL -> {
                    String email = firstPart(cells, Kind.EMAILS);
                    yield email == null ? null : email.toLowerCase(Locale.ROOT);
                }
                case PHONE -> {
                    String phone = firstPart(cells, Kind.PHONES);
                    yield phone == null ? null : LaneKeys.lastDigits(phone, 9);
                }
                case SOCIAL_HANDLE -> {
                    int i = firstWithPart(cells, Kind.IDENTITY);
                    yield i < 0 ? null : keys[i] + '\u001f' + Handles.normalize(split(cell(cells, i), null).get(0));
                }
            };
            if (key != null && !key.isEmpty()) {
                return LaneKeys.bucket(kind, key);
            }
        }
        return 0;
    }

    private int first(String[] cells, Kind kind) {
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == kind && !cell(cells, i).isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    /** The first column of the kind whose cell holds a list element. */
    private int firstWithPart(String[] cells, Kind kind) {
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == kind && !split(cell(cells, i), null).isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    /** The first element of the list the columns of the kind make together (email and emails, phone and phones). */
    private String firstPart(String[] cells, Kind kind) {
        int i = firstWithPart(cells, kind);
        return i < 0 ? null : split(cell(cells, i), null).get(0);
    }

    private static String cell(String[] cells, int i) {
        return cells[i] == null ? "" : cells[i].trim();
    }

    /** The cell's non-blank parts between ';', trimmed, added to {@code to} (a new list when null). */
    private static List<String> split(String cell, List<String> to) {
        List<String> out = to == null ? new ArrayList<>() : to;
        int start = 0;
        while (start <= cell.length()) {
            int end = cell.indexOf(';', start);
            if (end < 0) {
                end = cell.length();
            }
            String part = cell.substring(start, end);
            if (!part.isBlank()) {
                out.add(part.trim());
            }
            start = end + 1;
        }
        return out;
    }

    private static Double number(String name, String cell) {
        try {
            return Double.valueOf(cell);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": must be a number");
        }
    }

    private static boolean bool(String name, String cell) {
        return switch (cell.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1" -> true;
            case "false", "no", "n", "0" -> false;
            default -> throw new IllegalArgumentException(name + ": must be true or false");
        };
    }

    static boolean isNetwork(String name) {
        for (Network n : Network.values()) {
            if (n.name().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isChannel(String name) {
        for (ContactChannel c : ContactChannel.values()) {
            if (c.name().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
