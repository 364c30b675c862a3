package org.socialcrm.contact;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The data of contact changes in the feed: names of the fields a mutation set and consent flags, no personal values. */
final class ContactChanges {

    private ContactChanges() {
    }

    static JsonObject updated(ContactInput input) {
        JsonArray fields = new JsonArray();
        add(fields, "firstName", input.firstName());
        add(fields, "lastName", input.lastName());
        add(fields, "email", input.email());
        add(fields, "phone", input.phone());
        add(fields, "location", input.location());
        add(fields, "tags", input.tags());
        add(fields, "attributes", input.attributes());
        add(fields, "consent", input.consent());
        add(fields, "lifecycleStage", input.lifecycleStage());
        return new JsonObject().put("fields", fields);
    }

    static JsonObject consent(Consent consent) {
        return new JsonObject().put("email", consent.email()).put("sms", consent.sms()).put("tracking", consent.tracking());
    }

    private static void add(JsonArray fields, String name, Object value) {
        if (value != null && value != jakarta.json.JsonValue.NULL) {
            fields.add(name);
        }
    }
}
