package org.socialcrm.change;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.socialcrm.ingest.IngestRejection;

/**
 * An import job as its import.progress / import.completed changes describe it (the data of those rows carries
 * these fields, see docs/architecture.md): what importProgress streams. The import feature may serve the same type
 * from its own tables; the field names are the contract's.
 */
@Type("ImportJob")
public record ImportJob(@Id @NonNull String id, @NonNull ImportStatus status, @NonNull String format, @NonNull OffsetDateTime createdAt,
        OffsetDateTime startedAt, OffsetDateTime finishedAt, Integer rowsTotal, int rowsProcessed, int created, int updated,
        int unchanged, int ambiguous, int rejected, @Ignore List<IngestRejection> allRejections) {

    static ImportJob of(Change change) {
        JsonObject d = change.data();
        List<IngestRejection> rejections = new ArrayList<>();
        JsonArray listed = d.containsKey("rejections") && d.get("rejections").getValueType() == JsonValue.ValueType.ARRAY
                ? d.getJsonArray("rejections") : JsonValue.EMPTY_JSON_ARRAY;
        for (JsonValue value : listed) {
            JsonObject r = value.asJsonObject();
            rejections.add(new IngestRejection(r.getInt("index", 0), r.getString("reason", "")));
        }
        String status = d.getString("status", ChangeTypes.IMPORT_COMPLETED.equals(change.type()) ? "SUCCEEDED" : "RUNNING");
        return new ImportJob(change.subjectId(), ImportStatus.valueOf(status), d.getString("format", "unknown"),
                time(d, "createdAt", change.at()), time(d, "startedAt", null), time(d, "finishedAt", null),
                d.get("rowsTotal") instanceof JsonNumber n ? n.intValue() : null, d.getInt("rowsProcessed", 0), d.getInt("created", 0),
                d.getInt("updated", 0), d.getInt("unchanged", 0), d.getInt("ambiguous", 0), d.getInt("rejected", 0),
                List.copyOf(rejections));
    }

    boolean finished() {
        return status != ImportStatus.QUEUED && status != ImportStatus.RUNNING;
    }

    private static OffsetDateTime time(JsonObject d, String key, OffsetDateTime otherwise) {
        return d.get(key) instanceof jakarta.json.JsonString s ? OffsetDateTime.parse(s.getString()) : otherwise;
    }
}
