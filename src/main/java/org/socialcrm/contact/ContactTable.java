package org.socialcrm.contact;

import org.socialcrm.common.ContactChannel;
import static org.socialcrm.graphql.Column.Merge.ANY;
import static org.socialcrm.graphql.Column.Merge.FILL;
import static org.socialcrm.graphql.Column.Merge.GREATEST;
import static org.socialcrm.graphql.Column.Merge.UNDERLAY;
import static org.socialcrm.graphql.Column.Merge.UNITE;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.json.JsonObject;

import org.socialcrm.graphql.Column;
import org.socialcrm.graphql.RowType;

/**
 * The contact table, described once (docs/architecture.md, "Adding a field to Contact"): the row mapper
 * ({@link ContactRows}), the insert and update ({@link ContactRepository}), the merge ({@link ContactMerger}) and the
 * compiled reads ({@link ContactShape}) are all derived from these columns. A contact row serves four GraphQL
 * types: Contact, and its Consent, Location and Address objects.
 */
public final class ContactTable {

    public static final String TABLE = "contact";

    public static final Column<String> ID = Column.id("id", "id");
    public static final Column<String> DISPLAY_NAME = Column.text("display_name", "displayName").ordering();
    public static final Column<String> FIRST_NAME = Column.text("first_name", "firstName").merged(FILL);
    public static final Column<String> LAST_NAME = Column.text("last_name", "lastName").merged(FILL);
    public static final Column<String> EMAIL = Column.text("email", "email");
    public static final Column<String> PHONE = Column.text("phone", "phone").merged(FILL);
    public static final Column<List<String>> TAGS = Column.textArray("tags", "tags").merged(UNITE);
    public static final Column<JsonObject> ATTRIBUTES = Column.jsonObject("attributes", "attributes").merged(UNDERLAY);
    public static final Column<String> LIFECYCLE_STAGE = Column.text("lifecycle_stage", "lifecycleStage");
    public static final Column<Double> INFLUENCE_SCORE = Column.decimal("influence_score", "influenceScore").ordering().merged(GREATEST);
    public static final Column<OffsetDateTime> CREATED_AT = Column.dateTime("created_at", "createdAt").ordering();
    public static final Column<OffsetDateTime> UPDATED_AT = Column.dateTime("updated_at", "updatedAt").ordering();
    public static final Column<ContactChannel> PREFERRED_CHANNEL = Column.enumerated("preferred_channel", "preferredChannel",
            ContactChannel.class).merged(FILL);
    public static final Column<String> LANGUAGE = Column.text("language", "language").merged(FILL);
    public static final Column<Boolean> DO_NOT_CONTACT = Column.flag("do_not_contact", "doNotContact").merged(ANY);
    public static final Column<Integer> SUPPORT_LEVEL = Column.integer("support_level", "supportLevel").merged(FILL);
    public static final Column<JsonObject> CUSTOM_FIELDS = Column.jsonObject("custom_fields", "customFields").merged(UNDERLAY);

    // Consent
    public static final Column<Boolean> CONSENT_EMAIL = Column.bool("consent_email", "email");
    public static final Column<Boolean> CONSENT_SMS = Column.bool("consent_sms", "sms");
    public static final Column<Boolean> CONSENT_TRACKING = Column.bool("consent_tracking", "tracking");

    // Location (and the place part of Address)
    public static final Column<String> CITY = Column.text("city", "city").merged(FILL);
    public static final Column<String> REGION = Column.text("region", "region").merged(FILL);
    public static final Column<String> COUNTRY = Column.text("country", "country").merged(FILL);
    public static final Column<String> POSTAL_CODE = Column.text("postal_code", "postalCode").merged(FILL);

    // Address
    public static final Column<String> ADDRESS_LINE1 = Column.text("address_line1", "line1");
    public static final Column<String> ADDRESS_LINE2 = Column.text("address_line2", "line2");
    public static final Column<Double> LATITUDE = Column.decimal("latitude", "latitude");
    public static final Column<Double> LONGITUDE = Column.decimal("longitude", "longitude");

    public static final RowType CONTACT = new RowType("Contact", ID, DISPLAY_NAME, FIRST_NAME, LAST_NAME, EMAIL, PHONE, TAGS,
            ATTRIBUTES, LIFECYCLE_STAGE, INFLUENCE_SCORE, CREATED_AT, UPDATED_AT, PREFERRED_CHANNEL, LANGUAGE, DO_NOT_CONTACT,
            SUPPORT_LEVEL, CUSTOM_FIELDS);
    public static final RowType CONSENT = new RowType("Consent", CONSENT_EMAIL, CONSENT_SMS, CONSENT_TRACKING);
    public static final RowType LOCATION = new RowType("Location", CITY, REGION, COUNTRY, POSTAL_CODE);
    public static final RowType ADDRESS = new RowType("Address", ADDRESS_LINE1, ADDRESS_LINE2, CITY, REGION, POSTAL_CODE, COUNTRY,
            LATITUDE, LONGITUDE);

    /** Every column of the row once, in the order above (the merge folds them by their rules). */
    static final List<Column<?>> ALL = List.of(ID, DISPLAY_NAME, FIRST_NAME, LAST_NAME, EMAIL, PHONE, TAGS, ATTRIBUTES,
            LIFECYCLE_STAGE, INFLUENCE_SCORE, CREATED_AT, UPDATED_AT, PREFERRED_CHANNEL, LANGUAGE, DO_NOT_CONTACT, SUPPORT_LEVEL,
            CUSTOM_FIELDS, CONSENT_EMAIL, CONSENT_SMS, CONSENT_TRACKING, CITY, REGION, COUNTRY, POSTAL_CODE, ADDRESS_LINE1,
            ADDRESS_LINE2, LATITUDE, LONGITUDE);

    /** The null-location rule, both paths: no location when all its columns are null. */
    static final List<Column<String>> LOCATION_PARTS = List.of(CITY, REGION, COUNTRY, POSTAL_CODE);
    /** No address when the location and all these are null. */
    static final List<Column<?>> ADDRESS_PARTS = List.of(ADDRESS_LINE1, ADDRESS_LINE2, LATITUDE, LONGITUDE);

    private ContactTable() {
    }
}
