package org.socialcrm.profile.importing;

import io.vertx.core.json.JsonObject;

/** A checked CSV header that turns each record into the JSON shape of an NDJSON line of its import kind. */
interface RecordColumns {

    /** The record as JSON; IllegalArgumentException with "field: message" for a record that cannot be one. */
    JsonObject toPayload(String[] cells);
}
