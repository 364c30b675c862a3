package org.socialcrm.targeting;

import java.util.List;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A {@link SegmentRuleInput} as the JSON that is stored (segments, score models) and compiled: the GraphQL field names,
 * enums by name, ids as strings, unset members left out. Every member given is kept, so that the compiler can refuse
 * a node with two members.
 */
public final class RuleCodec {

    private RuleCodec() {
    }

    public static JsonObject encode(SegmentRuleInput rule) {
        if (rule == null) {
            return null;
        }
        JsonObject json = new JsonObject();
        if (rule.and() != null) {
            json.put("and", rules(rule.and()));
        }
        if (rule.or() != null) {
            json.put("or", rules(rule.or()));
        }
        put(json, "not", encode(rule.not()));
        if (rule.filter() != null) {
            json.put("filter", FilterCodec.encode(rule.filter()));
        }
        put(json, "inSegment", rule.inSegment());
        if (rule.behavior() != null) {
            BehaviorConditionInput b = rule.behavior();
            JsonObject behavior = new JsonObject();
            put(behavior, "kind", b.kind() == null ? null : b.kind().name());
            put(behavior, "withinDays", b.withinDays());
            put(behavior, "campaignId", b.campaignId());
            put(behavior, "channel", b.channel() == null ? null : b.channel().name());
            put(behavior, "stage", b.stage());
            put(behavior, "influencerIdentityId", b.influencerIdentityId());
            put(behavior, "minCount", b.minCount());
            put(behavior, "election", b.election());
            json.put("behavior", behavior);
        }
        if (rule.consent() != null) {
            json.put("consent", new JsonObject().put("channel", rule.consent().channel().name()).put("status", rule.consent().status().name()));
        }
        if (rule.customField() != null) {
            CustomFieldConditionInput f = rule.customField();
            JsonObject field = new JsonObject().put("key", f.key()).put("operator", f.operator().name());
            if (f.value() != null && f.value() != jakarta.json.JsonValue.NULL) {
                field.put("value", Json.decodeValue(f.value().toString()));
            }
            json.put("customField", field);
        }
        if (rule.score() != null) {
            JsonObject score = new JsonObject().put("modelId", rule.score().modelId());
            put(score, "min", rule.score().min());
            put(score, "max", rule.score().max());
            json.put("score", score);
        }
        if (rule.supportLevel() != null) {
            JsonObject range = new JsonObject();
            put(range, "min", rule.supportLevel().min());
            put(range, "max", rule.supportLevel().max());
            json.put("supportLevel", range);
        }
        return json;
    }

    private static JsonArray rules(List<SegmentRuleInput> rules) {
        JsonArray array = new JsonArray();
        rules.forEach(r -> array.add(encode(r)));
        return array;
    }

    private static void put(JsonObject json, String field, Object value) {
        if (value != null) {
            json.put(field, value);
        }
    }
}
