package org.socialcrm.segment;

import java.time.OffsetDateTime;
import java.util.List;

import org.socialcrm.contact.ContactCriteria;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A segment's definition as stored (JSON with the ContactFilterInput field names) and back. */
final class SegmentFilterCodec {

    private SegmentFilterCodec() {
    }

    static JsonObject encode(ContactCriteria c) {
        JsonObject json = new JsonObject();
        put(json, "search", c.search());
        put(json, "stageIn", c.stageIn() == null ? null : new JsonArray(c.stageIn()));
        put(json, "networkIn", c.networkIn() == null ? null : new JsonArray(c.networkIn()));
        put(json, "minFollowers", c.minFollowers());
        put(json, "minInfluenceScore", c.minInfluenceScore());
        put(json, "tagsAny", c.tagsAny() == null ? null : new JsonArray(c.tagsAny()));
        put(json, "country", c.country());
        put(json, "postalCode", c.postalCode());
        put(json, "updatedAfter", c.updatedAfter() == null ? null : c.updatedAfter().toString());
        put(json, "touchedByCampaign", c.touchedByCampaign());
        return json;
    }

    static ContactCriteria decode(JsonObject json) {
        return new ContactCriteria(json.getString("search"), strings(json, "stageIn"), strings(json, "networkIn"),
                json.getInteger("minFollowers"), json.getDouble("minInfluenceScore"), strings(json, "tagsAny"),
                json.getString("country"), json.getString("postalCode"),
                json.getString("updatedAfter") == null ? null : OffsetDateTime.parse(json.getString("updatedAfter")),
                json.getString("touchedByCampaign"));
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
