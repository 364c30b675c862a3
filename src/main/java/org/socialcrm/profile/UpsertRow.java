package org.socialcrm.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.socialcrm.common.BadUserInputException;
import org.socialcrm.contact.ContactValidator;
import org.socialcrm.contact.EmailAddresses;
import org.socialcrm.contact.PhoneNumbers;
import org.socialcrm.identity.Handles;
import org.socialcrm.identity.SocialIdentityInput;

import io.vertx.core.json.JsonObject;

/** One upsert row, checked and with its matching keys normalised; building it throws BAD_USER_INPUT with the field. */
record UpsertRow(int index, ContactUpsertInput input, Map<String, String> emails, List<PhoneNumbers.Normalized> phones,
        List<ExternalIdInput> externalIds, List<SocialIdentityInput> identities, List<Key> keys, JsonObject customFields) {

    static final int MAX_KEYS = 20;
    static final int MAX_TEXT = 200;

    /**
     * A matching key: (system, value), (address, ""), (e164, ""), (network, handle); {@code id} names it in a batch and
     * on the erasure blocklist (made once: a batch compares it several times per row).
     */
    record Key(MatchKey kind, String a, String b, String id) {
        Key(MatchKey kind, String a, String b) {
            this(kind, a, b, kind + ":" + a + ":" + b);
        }
    }

    static UpsertRow prepare(int index, ContactUpsertInput in, List<String> stages, Map<String, CustomFieldDefinition> definitions) {
        List<Key> keys = new ArrayList<>();
        List<ExternalIdInput> externalIds = new ArrayList<>();
        for (ExternalIdInput id : list(in.externalIds(), "externalIds")) {
            String system = id.system() == null ? "" : id.system().trim();
            String value = id.value() == null ? "" : id.value().trim();
            if (system.isEmpty() || value.isEmpty() || system.length() > 64 || value.length() > MAX_TEXT) {
                throw new BadUserInputException("externalIds", "system (1-64) and value (1-" + MAX_TEXT + ") must not be empty");
            }
            Key key = new Key(MatchKey.EXTERNAL_ID, system, value);
            if (!keys.contains(key)) { // the same id twice is one key: the key tables' inserts take each key once
                externalIds.add(new ExternalIdInput(system, value));
                keys.add(key);
            }
        }
        Map<String, String> emails = new LinkedHashMap<>();
        for (String email : list(in.emails(), "emails")) {
            if (!EmailAddresses.valid(email == null ? null : email.trim())) {
                throw new BadUserInputException("emails", "is not a valid email address");
            }
            emails.putIfAbsent(EmailAddresses.normalize(email), email.trim());
        }
        emails.keySet().forEach(e -> keys.add(new Key(MatchKey.EMAIL, e, "")));
        String country = in.address() == null ? null : in.address().country();
        List<PhoneNumbers.Normalized> phones = new ArrayList<>();
        for (String phone : list(in.phones(), "phones")) {
            PhoneNumbers.Normalized normalized = PhoneNumbers.normalize(phone, country)
                    .orElseThrow(() -> new BadUserInputException("phones", "is not a valid phone number (E.164, or national with address.country)"));
            if (phones.stream().noneMatch(p -> p.e164().equals(normalized.e164()))) {
                phones.add(normalized);
                keys.add(new Key(MatchKey.PHONE, normalized.e164(), ""));
            }
        }
        List<SocialIdentityInput> identities = new ArrayList<>();
        for (SocialIdentityInput identity : list(in.socialIdentities(), "socialIdentities")) {
            String handle = Handles.normalize(identity.handle());
            if (handle == null || handle.isEmpty() || identity.handle().length() > Handles.MAX_LENGTH
                    || (identity.profileUrl() != null && identity.profileUrl().length() > 500)
                    || (identity.externalId() != null && identity.externalId().length() > MAX_TEXT)) {
                throw new BadUserInputException("socialIdentities", "handle must be 1-" + Handles.MAX_LENGTH + " characters");
            }
            Key key = new Key(MatchKey.SOCIAL_HANDLE, identity.network().name(), handle);
            if (!keys.contains(key)) {
                identities.add(identity);
                keys.add(key);
            }
        }
        if (keys.isEmpty()) {
            throw new BadUserInputException("emails", "a row needs at least one external id, email, phone or social identity to be matched by");
        }
        if (keys.size() > MAX_KEYS) {
            throw new BadUserInputException("emails", "at most " + MAX_KEYS + " external ids, emails, phones and identities per row");
        }
        text("firstName", in.firstName());
        text("lastName", in.lastName());
        text("language", in.language());
        if (in.address() != null) {
            AddressInput a = in.address();
            text("address.line1", a.line1());
            text("address.line2", a.line2());
            text("address.city", a.city());
            text("address.region", a.region());
            text("address.postalCode", a.postalCode());
            text("address.country", a.country());
            if (a.latitude() != null && (a.latitude() < -90 || a.latitude() > 90 || a.latitude().isNaN())) {
                throw new BadUserInputException("address.latitude", "must be between -90 and 90");
            }
            if (a.longitude() != null && (a.longitude() < -180 || a.longitude() > 180 || a.longitude().isNaN())) {
                throw new BadUserInputException("address.longitude", "must be between -180 and 180");
            }
        }
        if (in.lifecycleStage() != null && !stages.contains(in.lifecycleStage())) {
            throw new BadUserInputException("lifecycleStage", "unknown stage; this tenant's stages are " + stages);
        }
        if (in.supportLevel() != null && (in.supportLevel() < 1 || in.supportLevel() > 5)) {
            throw new BadUserInputException("supportLevel", "must be 1 to 5");
        }
        if (in.tags() != null) {
            if (in.tags().size() > 50) {
                throw new BadUserInputException("tags", "at most 50 tags");
            }
            for (String tag : in.tags()) {
                if (tag == null || tag.isBlank() || tag.length() > 64 || tag.indexOf('\u001f') >= 0) {
                    throw new BadUserInputException("tags", "each tag must be 1-64 characters");
                }
            }
        }
        for (ChannelPreferenceInput preference : list(in.channelPreferences(), "channelPreferences")) {
            ChannelPreferences.validate("channelPreferences", preference);
        }
        JsonObject customFields = CustomFields.validate("customFields", in.customFields(), definitions);
        return new UpsertRow(index, in, emails, phones, externalIds, identities, keys, customFields);
    }

    private static <T> List<T> list(List<T> given, String field) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_KEYS) {
            throw new BadUserInputException(field, "at most " + MAX_KEYS + " per row");
        }
        return given;
    }

    private static void text(String field, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            throw new BadUserInputException(field, "at most " + MAX_TEXT + " characters");
        }
    }

    String displayName(String firstName, String lastName, String email, String phone) {
        return ContactValidator.displayName(firstName, lastName, email, phone);
    }
}
