package org.socialcrm.lifecycle;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.socialcrm.common.Ids;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/**
 * One move of a contact between lifecycle stages. {@code contact} is resolved in batches; {@code campaign} is left
 * to the campaign feature ({@link #campaignId} carries the id).
 */
@Type("LifecycleTransition")
public record LifecycleTransition(@Id @NonNull String id, @Ignore long contactId, String fromStage, @NonNull String toStage,
        @NonNull OffsetDateTime occurredAt, @NonNull String source, String note, @Ignore Long campaignId) {

    static LifecycleTransition of(Row row) {
        return new LifecycleTransition(Ids.of(row.getLong("id")), row.getLong("contact_id"), row.getString("from_stage"),
                row.getString("to_stage"), row.getOffsetDateTime("occurred_at"), row.getString("source"), row.getString("note"),
                row.getLong("campaign_id"));
    }

    /** The payload of a {@code lifecycleChanged} tenant event. */
    JsonObject toJson() {
        return new JsonObject().put("id", id).put("contactId", contactId).put("fromStage", fromStage).put("toStage", toStage)
                .put("occurredAt", occurredAt.toString()).put("source", source).put("note", note).put("campaignId", campaignId);
    }

    static LifecycleTransition fromJson(JsonObject json) {
        return new LifecycleTransition(json.getString("id"), json.getLong("contactId"), json.getString("fromStage"),
                json.getString("toStage"), OffsetDateTime.parse(json.getString("occurredAt")), json.getString("source"),
                json.getString("note"), json.getLong("campaignId"));
    }
}
