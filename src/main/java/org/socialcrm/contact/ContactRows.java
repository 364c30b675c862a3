package org.socialcrm.contact;

import org.socialcrm.common.ContactChannel;

import java.util.Arrays;
import java.util.List;

import org.socialcrm.common.Ids;
import org.socialcrm.common.JsonValues;

import io.vertx.mutiny.sqlclient.Row;

/** Maps contact rows to the API type. */
final class ContactRows {

    private ContactRows() {
    }

    static Contact toContact(Row row) {
        String city = row.getString("city");
        String region = row.getString("region");
        String country = row.getString("country");
        String postalCode = row.getString("postal_code");
        Location location = city == null && region == null && country == null && postalCode == null ? null
                : new Location(city, region, country, postalCode);
        String[] tags = row.getArrayOfStrings("tags");
        Object attributes = row.getValue("attributes");
        return new Contact(Ids.of(row.getLong("id")), row.getString("display_name"), row.getString("first_name"),
                row.getString("last_name"), row.getString("email"), row.getString("phone"), location,
                tags == null ? List.of() : Arrays.asList(tags),
                JsonValues.toJsonP(attributes),
                new Consent(row.getBoolean("consent_email"), row.getBoolean("consent_sms"), row.getBoolean("consent_tracking")),
                row.getString("lifecycle_stage"), row.getDouble("influence_score"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"), address(row, location),
                row.getString("preferred_channel") == null ? null : ContactChannel.valueOf(row.getString("preferred_channel")),
                row.getString("language"), Boolean.TRUE.equals(row.getBoolean("do_not_contact")),
                row.getValue("support_level") == null ? null : row.getInteger("support_level"),
                JsonValues.toJsonP(row.getValue("custom_fields")));
    }

    private static Address address(Row row, Location location) {
        String line1 = row.getString("address_line1");
        String line2 = row.getString("address_line2");
        Double latitude = row.getDouble("latitude");
        Double longitude = row.getDouble("longitude");
        if (location == null && line1 == null && line2 == null && latitude == null && longitude == null) {
            return null;
        }
        Location l = location == null ? new Location(null, null, null, null) : location;
        return new Address(line1, line2, l.city(), l.region(), l.postalCode(), l.country(), latitude, longitude);
    }
}
