package org.socialcrm.contact;

import java.util.List;

import org.socialcrm.common.BadUserInputException;

import jakarta.json.JsonValue;

import io.vertx.core.json.JsonObject;

/** Checks contact input before anything is written; every failure names its field. */
public final class ContactValidator {

    static final int MAX_TAGS = 50;
    static final int MAX_TAG_LENGTH = 64;
    static final int MAX_ATTRIBUTES_BYTES = 16_384;
    static final int MAX_TEXT = 200;

    private ContactValidator() {
    }

    static void validate(ContactInput input, List<String> stages) {
        text("firstName", input.firstName());
        text("lastName", input.lastName());
        text("phone", input.phone());
        if (input.email() != null && !EmailAddresses.valid(input.email())) {
            throw new BadUserInputException("email", "is not a valid email address");
        }
        if (input.location() != null) {
            text("location.city", input.location().city());
            text("location.region", input.location().region());
            text("location.country", input.location().country());
            text("location.postalCode", input.location().postalCode());
        }
        if (input.lifecycleStage() != null && !stages.contains(input.lifecycleStage())) {
            throw new BadUserInputException("lifecycleStage", "unknown stage; this tenant's stages are " + stages);
        }
        if (input.tags() != null) {
            if (input.tags().size() > MAX_TAGS) {
                throw new BadUserInputException("tags", "at most " + MAX_TAGS + " tags");
            }
            for (String tag : input.tags()) {
                if (tag == null || tag.isBlank() || tag.length() > MAX_TAG_LENGTH) {
                    throw new BadUserInputException("tags", "each tag must be 1-" + MAX_TAG_LENGTH + " characters");
                }
            }
        }
        attributes(input.attributes());
    }

    /** The attributes as a JSON object, or null when not given. */
    static JsonObject attributes(JsonValue attributes) {
        if (attributes == null || attributes == JsonValue.NULL) {
            return null;
        }
        if (attributes.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new BadUserInputException("attributes", "must be a JSON object");
        }
        JsonObject json = new JsonObject(attributes.toString());
        if (json.encode().length() > MAX_ATTRIBUTES_BYTES) {
            throw new BadUserInputException("attributes", "at most " + MAX_ATTRIBUTES_BYTES + " bytes of JSON");
        }
        return json;
    }

    private static void text(String field, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            throw new BadUserInputException(field, "at most " + MAX_TEXT + " characters");
        }
    }

    public static String displayName(String firstName, String lastName, String email, String phone) {
        String name = ((firstName == null ? "" : firstName.trim()) + " " + (lastName == null ? "" : lastName.trim())).trim();
        if (!name.isEmpty()) {
            return name;
        }
        if (email != null) {
            return email;
        }
        return phone != null ? phone : "Unnamed contact";
    }
}
