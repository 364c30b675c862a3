package org.socialcrm.contact;

import static org.socialcrm.contact.ContactTable.*;

import io.vertx.mutiny.sqlclient.Row;

/** Maps contact rows to the API type, column by column as {@link ContactTable} reads them. */
final class ContactRows {

    private ContactRows() {
    }

    static Contact toContact(Row row) {
        Location location = location(row);
        return new Contact(ID.read(row), DISPLAY_NAME.read(row), FIRST_NAME.read(row), LAST_NAME.read(row), EMAIL.read(row),
                PHONE.read(row), location, TAGS.read(row), ATTRIBUTES.read(row),
                new Consent(CONSENT_EMAIL.read(row), CONSENT_SMS.read(row), CONSENT_TRACKING.read(row)),
                LIFECYCLE_STAGE.read(row), INFLUENCE_SCORE.read(row), CREATED_AT.read(row), UPDATED_AT.read(row),
                address(row, location), PREFERRED_CHANNEL.read(row), LANGUAGE.read(row), DO_NOT_CONTACT.read(row),
                SUPPORT_LEVEL.read(row), CUSTOM_FIELDS.read(row));
    }

    private static Location location(Row row) {
        if (LOCATION_PARTS.stream().allMatch(part -> part.read(row) == null)) {
            return null;
        }
        return new Location(CITY.read(row), REGION.read(row), COUNTRY.read(row), POSTAL_CODE.read(row));
    }

    private static Address address(Row row, Location location) {
        if (location == null && ADDRESS_PARTS.stream().allMatch(part -> part.read(row) == null)) {
            return null;
        }
        Location l = location == null ? new Location(null, null, null, null) : location;
        return new Address(ADDRESS_LINE1.read(row), ADDRESS_LINE2.read(row), l.city(), l.region(), l.postalCode(), l.country(),
                LATITUDE.read(row), LONGITUDE.read(row));
    }
}
