package org.socialcrm.common;

import java.io.StringReader;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;

/** Converts stored JSON (Vert.x) to the JSON-P values the GraphQL JSON scalar carries. */
public final class JsonValues {

    /**
     * The JSON-P provider, looked up once: {@code jakarta.json.Json}'s static methods look it up with a ServiceLoader on
     * every call (scanning the class path), which dominated the import worker's profile. Use it instead of {@code Json.*}.
     */
    public static final JsonProvider JSON = JsonProvider.provider();

    private static final JsonObject EMPTY = JSON.createObjectBuilder().build();

    private JsonValues() {
    }

    public static JsonObject toJsonP(io.vertx.core.json.JsonObject json) {
        if (json == null || json.isEmpty()) {
            return EMPTY;
        }
        try (JsonReader reader = JSON.createReader(new StringReader(json.encode()))) {
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
