package org.socialcrm.field;

import java.time.OffsetDateTime;

import jakarta.json.JsonObject;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A recorded canvass; its contact and turf are resolved in batches. */
@Type("CanvassResult")
public record CanvassResult(@Id @NonNull String id, @NonNull CanvassOutcome outcome, Integer supportLevel, JsonObject answers,
        @NonNull String recordedBy, @NonNull OffsetDateTime occurredAt, @Id String clientId, @Ignore long contactId, @Ignore Long turfId) {
}
