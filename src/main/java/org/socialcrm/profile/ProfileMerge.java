package org.socialcrm.profile;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.socialcrm.contact.PhoneNumbers;

/**
 * What an upsert row makes of a contact (as HubSpot and NationBuilder imports do): given values overwrite, missing
 * ones keep what is stored, tags are added (or replaced with tagsMode REPLACE), custom fields merge key by key (null
 * removes one), the lifecycle stage only moves forward, doNotContact is only ever switched on, and the first email
 * and phone become the primaries of a contact that has none.
 */
final class ProfileMerge {

    private ProfileMerge() {
    }

    static ContactState apply(UpsertRow row, ContactState before, ContactUpserts.Plan plan, List<String> stages) {
        ContactUpsertInput in = row.input();
        ContactState s = before == null ? new ContactState() : before.copy();
        s.firstName = pick(in.firstName(), s.firstName);
        s.lastName = pick(in.lastName(), s.lastName);
        if (in.address() != null) {
            AddressInput a = in.address();
            s.line1 = pick(a.line1(), s.line1);
            s.line2 = pick(a.line2(), s.line2);
            s.city = pick(a.city(), s.city);
            s.region = pick(a.region(), s.region);
            s.postalCode = pick(a.postalCode(), s.postalCode);
            s.country = pick(a.country(), s.country);
            s.latitude = a.latitude() != null ? a.latitude() : s.latitude;
            s.longitude = a.longitude() != null ? a.longitude() : s.longitude;
        }
        if (in.tags() != null) {
            if (in.tagsMode() == TagsMode.REPLACE) {
                s.tags = new LinkedHashSet<>(in.tags());
            } else {
                s.tags.addAll(in.tags());
            }
        }
        if (row.customFields() != null) {
            for (Map.Entry<String, Object> e : row.customFields()) {
                if (e.getValue() == null) {
                    s.customFields.remove(e.getKey());
                } else {
                    s.customFields.put(e.getKey(), e.getValue());
                }
            }
        }
        s.language = pick(in.language(), s.language);
        s.supportLevel = in.supportLevel() != null ? in.supportLevel() : s.supportLevel;
        s.preferredChannel = in.preferredChannel() != null ? in.preferredChannel().name() : s.preferredChannel;
        s.doNotContact = s.doNotContact || Boolean.TRUE.equals(in.doNotContact());
        String given = in.lifecycleStage();
        if (s.stage == null) {
            s.stage = given != null ? given : stages.get(0);
        } else if (given != null && stages.indexOf(given) > stages.indexOf(s.stage)) {
            s.stage = given;
        }
        int ordinal = row.externalIds().size();
        for (Map.Entry<String, String> email : row.emails().entrySet()) {
            if (s.email == null && !plan.foreign(ordinal)) {
                s.email = email.getValue();
            }
            ordinal++;
        }
        for (PhoneNumbers.Normalized phone : row.phones()) {
            if (s.phone == null && !plan.foreign(ordinal)) {
                s.phone = phone.e164();
            }
            ordinal++;
        }
        s.displayName = row.displayName(s.firstName, s.lastName, s.email, s.phone);
        return s;
    }

    private static String pick(String given, String current) {
        return given != null && !given.isBlank() ? given.trim() : current;
    }
}
