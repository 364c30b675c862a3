package org.socialcrm.profile;

import java.util.ArrayList;
import java.util.List;

import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The contact rows one statement inserts or updates, as the 23 column arrays its {@code unnest} takes (in the order of
 * ContactUpserts' UNNEST), filled in one pass at the end: no list of values per row, no reflection.
 */
final class ContactColumns {

    private final List<Long> ids = new ArrayList<>();
    private final List<ContactState> states = new ArrayList<>();

    void add(long id, ContactState state) {
        ids.add(id);
        states.add(state);
    }

    int size() {
        return ids.size();
    }

    boolean isEmpty() {
        return ids.isEmpty();
    }

    Tuple tuple() {
        int n = ids.size();
        Long[] id = ids.toArray(new Long[n]);
        String[] displayName = new String[n];
        String[] firstName = new String[n];
        String[] lastName = new String[n];
        String[] email = new String[n];
        String[] phone = new String[n];
        String[] city = new String[n];
        String[] region = new String[n];
        String[] country = new String[n];
        String[] postalCode = new String[n];
        String[] line1 = new String[n];
        String[] line2 = new String[n];
        Double[] latitude = new Double[n];
        Double[] longitude = new Double[n];
        String[] tags = new String[n];
        String[] customFields = new String[n];
        Boolean[] consentEmail = new Boolean[n];
        Boolean[] consentSms = new Boolean[n];
        String[] stage = new String[n];
        String[] language = new String[n];
        Integer[] supportLevel = new Integer[n];
        String[] preferredChannel = new String[n];
        Boolean[] doNotContact = new Boolean[n];
        for (int r = 0; r < n; r++) {
            ContactState s = states.get(r);
            displayName[r] = s.displayName;
            firstName[r] = s.firstName;
            lastName[r] = s.lastName;
            email[r] = s.email;
            phone[r] = s.phone;
            city[r] = s.city;
            region[r] = s.region;
            country[r] = s.country;
            postalCode[r] = s.postalCode;
            line1[r] = s.line1;
            line2[r] = s.line2;
            latitude[r] = s.latitude;
            longitude[r] = s.longitude;
            tags[r] = s.tagsText();
            customFields[r] = s.customFieldsText();
            consentEmail[r] = s.consentEmail;
            consentSms[r] = s.consentSms;
            stage[r] = s.stage;
            language[r] = s.language;
            supportLevel[r] = s.supportLevel;
            preferredChannel[r] = s.preferredChannel;
            doNotContact[r] = s.doNotContact;
        }
        return Tuple.tuple(List.of(id, displayName, firstName, lastName, email, phone, city, region, country, postalCode, line1, line2,
                latitude, longitude, tags, customFields, consentEmail, consentSms, stage, language, supportLevel, preferredChannel,
                doNotContact));
    }
}
