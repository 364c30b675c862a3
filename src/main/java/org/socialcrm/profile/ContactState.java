package org.socialcrm.profile;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The columns of one contact row an upsert writes, so that a row is written only when one of them changes (an
 * unchanged row stays UNCHANGED: re-running a file changes nothing).
 */
final class ContactState {

    static final String TAG_SEPARATOR = "\u001f";

    String displayName;
    String firstName;
    String lastName;
    String email;
    String phone;
    String city;
    String region;
    String country;
    String postalCode;
    String line1;
    String line2;
    Double latitude;
    Double longitude;
    Set<String> tags = new LinkedHashSet<>();
    JsonObject customFields = new JsonObject();
    boolean consentEmail;
    boolean consentSms;
    String stage;
    String language;
    Integer supportLevel;
    String preferredChannel;
    boolean doNotContact;

    /** Same name and postal code: the columns duplicate candidates compare (DuplicatePairs). */
    boolean samePairKeys(ContactState other) {
        return Objects.equals(displayName, other.displayName) && Objects.equals(postalCode, other.postalCode);
    }

    static ContactState of(Row row) {
        ContactState s = new ContactState();
        s.displayName = row.getString("display_name");
        s.firstName = row.getString("first_name");
        s.lastName = row.getString("last_name");
        s.email = row.getString("email");
        s.phone = row.getString("phone");
        s.city = row.getString("city");
        s.region = row.getString("region");
        s.country = row.getString("country");
        s.postalCode = row.getString("postal_code");
        s.line1 = row.getString("address_line1");
        s.line2 = row.getString("address_line2");
        s.latitude = row.getDouble("latitude");
        s.longitude = row.getDouble("longitude");
        String[] tags = row.getArrayOfStrings("tags");
        s.tags = new LinkedHashSet<>(tags == null ? List.of() : Arrays.asList(tags));
        Object fields = row.getValue("custom_fields");
        s.customFields = fields instanceof JsonObject json ? json : new JsonObject(String.valueOf(fields));
        s.consentEmail = row.getBoolean("consent_email");
        s.consentSms = row.getBoolean("consent_sms");
        s.stage = row.getString("lifecycle_stage");
        s.language = row.getString("language");
        s.supportLevel = row.getValue("support_level") == null ? null : row.getInteger("support_level");
        s.preferredChannel = row.getString("preferred_channel");
        s.doNotContact = row.getBoolean("do_not_contact");
        return s;
    }

    ContactState copy() {
        ContactState s = new ContactState();
        s.displayName = displayName;
        s.firstName = firstName;
        s.lastName = lastName;
        s.email = email;
        s.phone = phone;
        s.city = city;
        s.region = region;
        s.country = country;
        s.postalCode = postalCode;
        s.line1 = line1;
        s.line2 = line2;
        s.latitude = latitude;
        s.longitude = longitude;
        s.tags = new LinkedHashSet<>(tags);
        s.customFields = customFields.copy();
        s.consentEmail = consentEmail;
        s.consentSms = consentSms;
        s.stage = stage;
        s.language = language;
        s.supportLevel = supportLevel;
        s.preferredChannel = preferredChannel;
        s.doNotContact = doNotContact;
        return s;
    }

    /** The tags as ContactUpserts writes them: one text, separated by {@link #TAG_SEPARATOR}. */
    String tagsText() {
        return String.join(TAG_SEPARATOR, tags);
    }

    String customFieldsText() {
        return customFields.isEmpty() ? "{}" : customFields.encode(); // most imported people have none: no JSON writer for them
    }

    boolean sameAs(ContactState other) {
        return Objects.equals(displayName, other.displayName) && Objects.equals(firstName, other.firstName)
                && Objects.equals(lastName, other.lastName) && Objects.equals(email, other.email)
                && Objects.equals(phone, other.phone) && Objects.equals(city, other.city) && Objects.equals(region, other.region)
                && Objects.equals(country, other.country) && Objects.equals(postalCode, other.postalCode)
                && Objects.equals(line1, other.line1) && Objects.equals(line2, other.line2)
                && Objects.equals(latitude, other.latitude) && Objects.equals(longitude, other.longitude)
                && tags.equals(other.tags) && customFields.equals(other.customFields) && consentEmail == other.consentEmail
                && consentSms == other.consentSms && Objects.equals(stage, other.stage) && Objects.equals(language, other.language)
                && Objects.equals(supportLevel, other.supportLevel) && Objects.equals(preferredChannel, other.preferredChannel)
                && doNotContact == other.doNotContact;
    }
}
