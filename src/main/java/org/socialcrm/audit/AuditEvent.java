package org.socialcrm.audit;

import java.time.OffsetDateTime;

import jakarta.json.JsonObject;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("AuditEvent")
public record AuditEvent(@Id @NonNull String id, @NonNull OffsetDateTime at, @NonNull String actor, @NonNull String action,
        String target, JsonObject details) {
}
