package org.socialcrm.connector;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/** One pull of one account. */
@Type("SyncRun")
public record SyncRun(@Id @NonNull String id, @NonNull ConnectorAccount account, @NonNull OffsetDateTime startedAt,
        OffsetDateTime finishedAt, @NonNull SyncStatus status, int pointsWritten, String error,
        @Description("Subscriptions only: the change-feed cursor of this event; subscribe again with after: <it> to resume.")
        String changeCursor) {

    /** Columns of a sync_run r joined with its connector_account a. */
    static final String COLUMNS = "r.id as run_id, r.started_at, r.finished_at, r.status as run_status, r.points_written, r.error, "
            + ConnectorAccount.COLUMNS;

    static SyncRun from(Row row) {
        return new SyncRun(row.getLong("run_id").toString(), ConnectorAccount.from(row), row.getOffsetDateTime("started_at"),
                row.getOffsetDateTime("finished_at"), SyncStatus.valueOf(row.getString("run_status")),
                row.getInteger("points_written"), row.getString("error"), null);
    }

    JsonObject toJson() {
        return new JsonObject().put("id", id).put("account", account.toJson()).put("startedAt", startedAt.toString())
                .put("finishedAt", ConnectorAccount.text(finishedAt)).put("status", status.name())
                .put("pointsWritten", pointsWritten).put("error", error);
    }

    /** A syncCompleted event: the run as its sync.completed change recorded it. */
    static SyncRun fromJson(JsonObject json, String changeCursor) {
        return new SyncRun(json.getString("id"), ConnectorAccount.fromJson(json.getJsonObject("account")),
                OffsetDateTime.parse(json.getString("startedAt")), ConnectorAccount.time(json.getString("finishedAt")),
                SyncStatus.valueOf(json.getString("status")), json.getInteger("pointsWritten"), json.getString("error"),
                changeCursor);
    }
}
