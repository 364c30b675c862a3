package org.socialcrm.profile.importing;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import org.socialcrm.security.Subscriber;

import io.vertx.mutiny.sqlclient.Row;

/** A bulk import and its progress; its rejections are a batched field. */
@Type("ImportJob")
public record ImportJob(@Id @NonNull String id, @NonNull ImportStatus status, @NonNull String format,
        @Description("contacts, touchpoints or conversions (POST /api/imports?kind=...)") @NonNull String kind,
        @NonNull OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime finishedAt, Integer rowsTotal,
        int rowsProcessed, int created, int updated, int unchanged, int ambiguous, int rejected, @Ignore Subscriber subscriber) {

    /** A job as a query answers it (no subscriber: nested fields resolve for the current request). */
    public ImportJob(String id, ImportStatus status, String format, String kind, OffsetDateTime createdAt, OffsetDateTime startedAt,
            OffsetDateTime finishedAt, Integer rowsTotal, int rowsProcessed, int created, int updated, int unchanged, int ambiguous,
            int rejected) {
        this(id, status, format, kind, createdAt, startedAt, finishedAt, rowsTotal, rowsProcessed, created, updated, unchanged, ambiguous,
                rejected, null);
    }

    /** The same job as an event of a subscription: its nested fields resolve in the subscriber's tenant. */
    ImportJob sentTo(Subscriber to) {
        return new ImportJob(id, status, format, kind, createdAt, startedAt, finishedAt, rowsTotal, rowsProcessed, created, updated, unchanged,
                ambiguous, rejected, to);
    }

    boolean finished() {
        return status != ImportStatus.QUEUED && status != ImportStatus.RUNNING;
    }

    static ImportJob of(Row row) {
        return new ImportJob(row.getLong("id").toString(), ImportStatus.valueOf(row.getString("status")), row.getString("format"),
                row.getString("kind"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("started_at"), row.getOffsetDateTime("finished_at"),
                row.getInteger("rows_total"), row.getInteger("rows_processed"), row.getInteger("created"), row.getInteger("updated"),
                row.getInteger("unchanged"), row.getInteger("ambiguous"), row.getInteger("rejected"));
    }
}
