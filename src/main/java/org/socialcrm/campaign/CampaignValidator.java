package org.socialcrm.campaign;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.json.JsonValue;

import org.socialcrm.common.BadUserInputException;

import io.vertx.core.json.JsonObject;

/** Checks campaign, touchpoint and conversion input before anything is written; every failure names its field. */
final class CampaignValidator {

    static final int MAX_NAME = 200;
    static final int MAX_SOURCE_BYTES = 8_192;

    private CampaignValidator() {
    }

    /** The trimmed name, after checking the whole (merged) campaign. */
    static String validate(String name, OffsetDateTime startsAt, OffsetDateTime endsAt, Double budget) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty()) {
            throw new BadUserInputException("name", "is required");
        }
        if (trimmed.length() > MAX_NAME) {
            throw new BadUserInputException("name", "at most " + MAX_NAME + " characters");
        }
        if (startsAt != null && endsAt != null && endsAt.isBefore(startsAt)) {
            throw new BadUserInputException("endsAt", "must not be before startsAt");
        }
        if (budget != null && (budget.isNaN() || budget.isInfinite() || budget < 0)) {
            throw new BadUserInputException("budget", "must be a number >= 0");
        }
        return trimmed;
    }

    /** The touchpoint's source as a JSON object (at most 8 KB encoded), or null when not given. */
    static JsonObject source(JsonValue source) {
        if (source == null || source == JsonValue.NULL) {
            return null;
        }
        if (source.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new BadUserInputException("source", "must be a JSON object");
        }
        JsonObject json = new JsonObject(source.toString());
        if (json.encode().getBytes(StandardCharsets.UTF_8).length > MAX_SOURCE_BYTES) {
            throw new BadUserInputException("source", "at most " + MAX_SOURCE_BYTES + " bytes of JSON");
        }
        return json;
    }

    static void conversion(ConversionInput input, List<String> stages) {
        if (input.stage() != null && !stages.contains(input.stage())) {
            throw new BadUserInputException("stage", "unknown stage; this tenant's stages are " + stages);
        }
        Double value = input.value();
        if (value != null && (value.isNaN() || value.isInfinite())) {
            throw new BadUserInputException("value", "must be a finite number");
        }
    }
}
