package org.socialcrm.common;

import java.io.StringReader;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/** Converts stored JSON (Vert.x) to the JSON-P values the GraphQL JSON scalar carries. */
public final class JsonValues {

    private static final JsonObject EMPTY = Json.createObjectBuilder().build();

    private JsonValues() {
    }

    public static JsonObject toJsonP(io.vertx.core.json.JsonObject json) {
        if (json == null || json.isEmpty()) {
            return EMPTY;
        }
        try (JsonReader reader = Json.createReader(new StringReader(json.encode()))) {
            return reader.readObject();
        }
    }

    public static JsonObject toJsonP(Object stored) {
        if (stored instanceof io.vertx.core.json.JsonObject json) {
            return toJsonP(json);
        }
        return stored == null ? EMPTY : toJsonP(new io.vertx.core.json.JsonObject(String.valueOf(stored)));
    }
}
