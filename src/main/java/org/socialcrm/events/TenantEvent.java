package org.socialcrm.events;

import io.vertx.core.json.JsonObject;

/** Something that happened in one tenant, for that tenant's subscribers only. */
public record TenantEvent(String tenant, String type, JsonObject payload) {

    public JsonObject toJson() {
        return new JsonObject().put("tenant", tenant).put("type", type).put("payload", payload);
    }

    public static TenantEvent fromJson(JsonObject json) {
        return new TenantEvent(json.getString("tenant"), json.getString("type"), json.getJsonObject("payload"));
    }
}
