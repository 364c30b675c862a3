package org.socialcrm.field;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.json.JsonValue;

import org.socialcrm.common.Channel;
import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.Ids;

import io.vertx.core.json.JsonObject;

/** Checks canvass inputs before anything is written; every refusal names its field ({@code inputs[3].moveToStage}). */
final class CanvassCheck {

    static final int MAX_BATCH = 500;
    static final int MAX_NOTE = 2000;
    static final int MAX_ANSWERS_BYTES = 16_384;
    static final int MAX_CLIENT_ID = 100;

    /** A checked input: {@code index} is its place in the request. */
    record Checked(int index, long contactId, CanvassOutcome outcome, Channel channel, Integer supportLevel, String answers, String note,
            Long turfId, Long campaignId, OffsetDateTime occurredAt, String moveToStage, String clientId, String field) {

        String field(String name) {
            return field + "." + name;
        }
    }

    private CanvassCheck() {
    }

    /** {@code path} is the argument ({@code input}) or, for a batch, the argument with {@code []} ({@code inputs[]}). */
    static List<Checked> check(List<CanvassInput> inputs, List<String> stages, String path, OffsetDateTime now) {
        if (inputs.isEmpty() || inputs.size() > MAX_BATCH) {
            throw new BadUserInputException(path.replace("[]", ""), "1 to " + MAX_BATCH + " canvasses");
        }
        List<Checked> checked = new ArrayList<>(inputs.size());
        Set<String> clientIds = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            CanvassInput input = inputs.get(i);
            String field = path.replace("[]", "[" + i + "]");
            Channel channel = input.channel() == null ? Channel.CANVASS : input.channel();
            if (channel != Channel.CANVASS && channel != Channel.PHONE) {
                throw new BadUserInputException(field + ".channel", "CANVASS or PHONE");
            }
            if (input.supportLevel() != null && (input.supportLevel() < 1 || input.supportLevel() > 5)) {
                throw new BadUserInputException(field + ".supportLevel", "between 1 (strong supporter) and 5 (strong opponent)");
            }
            if (input.note() != null && input.note().length() > MAX_NOTE) {
                throw new BadUserInputException(field + ".note", "at most " + MAX_NOTE + " characters");
            }
            if (input.moveToStage() != null && !stages.contains(input.moveToStage())) {
                throw new BadUserInputException(field + ".moveToStage", "unknown stage; this tenant's stages are " + stages);
            }
            if (input.occurredAt() != null && input.occurredAt().isAfter(now.plusMinutes(5))) {
                throw new BadUserInputException(field + ".occurredAt", "is in the future");
            }
            if (input.clientId() != null && (input.clientId().isBlank() || input.clientId().length() > MAX_CLIENT_ID)) {
                throw new BadUserInputException(field + ".clientId", "1 to " + MAX_CLIENT_ID + " characters");
            }
            if (input.clientId() != null && !clientIds.add(input.clientId())) {
                throw new BadUserInputException(field + ".clientId", "appears twice in this batch");
            }
            checked.add(new Checked(i, Ids.require(input.contactId(), field + ".contactId"), input.outcome(), channel, input.supportLevel(),
                    answers(input.answers(), field + ".answers"), input.note(),
                    input.turfId() == null ? null : Ids.require(input.turfId(), field + ".turfId"),
                    input.campaignId() == null ? null : Ids.require(input.campaignId(), field + ".campaignId"),
                    input.occurredAt() == null ? now : input.occurredAt(), input.moveToStage(), input.clientId(), field));
        }
        return checked;
    }

    private static String answers(JsonValue answers, String field) {
        if (answers == null || answers == JsonValue.NULL) {
            return null;
        }
        if (answers.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new BadUserInputException(field, "must be a JSON object (answers keyed by question)");
        }
        String json = new JsonObject(answers.toString()).encode();
        if (json.length() > MAX_ANSWERS_BYTES) {
            throw new BadUserInputException(field, "at most " + MAX_ANSWERS_BYTES + " bytes of JSON");
        }
        return json;
    }
}
