package org.socialcrm.targeting;

import java.time.OffsetDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.socialcrm.common.ContactChannel;
import org.socialcrm.common.Network;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Filter fields as JSON under their GraphQL names, and back: the stored form of a segment's filter and of a rule's
 * {@code filter} leaves, and how the compiled read reads its (already coerced) arguments.
 */
public final class FilterCodec {

    private FilterCodec() {
    }

    public static JsonObject encode(ContactFilterInput c) {
        JsonObject json = new JsonObject();
        if (c == null) {
            return json;
        }
        put(json, "search", c.search());
        put(json, "stageIn", c.stageIn() == null ? null : new JsonArray(c.stageIn()));
        put(json, "networkIn", c.networkIn() == null ? null : new JsonArray(c.networkIn().stream().map(Enum::name).toList()));
        put(json, "minFollowers", c.minFollowers());
        put(json, "minInfluenceScore", c.minInfluenceScore());
        put(json, "tagsAny", c.tagsAny() == null ? null : new JsonArray(c.tagsAny()));
        put(json, "country", c.country());
        put(json, "postalCode", c.postalCode());
        put(json, "updatedAfter", c.updatedAfter() == null ? null : c.updatedAfter().toString());
        put(json, "touchedByCampaign", c.touchedByCampaign());
        put(json, "reachableBy", c.reachableBy() == null ? null : c.reachableBy().name());
        return json;
    }

    /** Unknown names are ignored; a value of the wrong type throws (stored filters were validated when saved). */
    public static ContactFilterInput decode(JsonObject json) {
        if (json == null) {
            return ContactFilterInput.EMPTY;
        }
        List<String> networks = strings(json, "networkIn");
        String reachableBy = json.getString("reachableBy");
        return new ContactFilterInput(json.getString("search"), strings(json, "stageIn"),
                networks == null ? null : networks.stream().map(Network::valueOf).toList(),
                json.getInteger("minFollowers"), json.getDouble("minInfluenceScore"), strings(json, "tagsAny"),
                json.getString("country"), json.getString("postalCode"),
                json.getString("updatedAfter") == null ? null : OffsetDateTime.parse(json.getString("updatedAfter")),
                json.getString("touchedByCampaign"), reachableBy == null ? null : ContactChannel.valueOf(reachableBy));
    }

    /** GraphQL argument values (maps, lists, enums, dates, numbers) as JSON. */
    public static JsonObject fromArguments(Map<?, ?> arguments) {
        Map<String, Object> out = new LinkedHashMap<>();
        arguments.forEach((key, value) -> {
            if (value != null) {
                out.put(String.valueOf(key), jsonValue(value));
            }
        });
        return new JsonObject(out);
    }

    private static Object jsonValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return fromArguments(map);
        }
        if (value instanceof List<?> list) {
            return new JsonArray(list.stream().map(FilterCodec::jsonValue).toList());
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof TemporalAccessor || value instanceof Character) {
            return value.toString();
        }
        if (value instanceof jakarta.json.JsonValue json) {
            return io.vertx.core.json.Json.decodeValue(json.toString());
        }
        return value;
    }

    private static List<String> strings(JsonObject json, String field) {
        JsonArray array = json.getJsonArray(field);
        return array == null ? null : array.stream().map(String::valueOf).toList();
    }

    private static void put(JsonObject json, String field, Object value) {
        if (value != null) {
            json.put(field, value);
        }
    }
}
