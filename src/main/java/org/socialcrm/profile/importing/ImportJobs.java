package org.socialcrm.profile.importing;

import static org.socialcrm.tenancy.DatabasePoolCreator.CACHED;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.Cursor;
import org.socialcrm.common.PageInfo;
import org.socialcrm.common.IngestRejection;
import org.socialcrm.profile.MatchKey;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** SQL of the tenant's import jobs, staged rows and rejections (tenant transaction's connection). */
@ApplicationScoped
public class ImportJobs {

    static final String CURSOR_KIND = "imp";

    /** {@code columns}: a contact CSV's header, whose records are staged as their text; null when lines are staged as JSON. */
    public Uni<ImportJob> create(SqlConnection connection, ImportKind kind, String format, String[] columns, List<MatchKey> matchOn,
            String actor) {
        return connection.preparedQuery("insert into import_job (kind, format, csv_columns, match_on, created_by) values ($1, $2, $3, $4, $5) returning *")
                .execute(Tuple.of(kind.key(), format, columns, matchOn.stream().map(Enum::name).toArray(String[]::new), actor))
                .map(rows -> ImportJob.of(rows.iterator().next()));
    }

    /** One chunk of staged lines of a lane group, in line order: each a payload or the reason it could not be read. */
    public Uni<Void> stage(SqlConnection connection, long jobId, short group, List<Long> lines, List<String> payloads, List<String> errors) {
        return connection.preparedQuery(CACHED + "insert into import_chunk (job_id, lane_group, first_line, lines, payloads, errors) "
                + "values ($1, $2, $3, $4, $5, $6) on conflict do nothing")
                .execute(Tuple.tuple(List.of(jobId, group, lines.get(0), lines.toArray(Long[]::new), payloads.toArray(String[]::new),
                        errors.toArray(String[]::new))))
                .replaceWithVoid();
    }

    public Uni<Void> staged(SqlConnection connection, long jobId, long rows) {
        return connection.preparedQuery("update import_job set rows_total = $2 where id = $1").execute(Tuple.of(jobId, rows))
                .replaceWithVoid();
    }

    public Uni<Optional<ImportJob>> find(SqlConnection connection, long id) {
        return connection.preparedQuery("select * from import_job where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(ImportJob.of(rows.iterator().next())) : Optional.empty());
    }

    public Uni<ImportJobConnection> page(SqlConnection connection, Cursor after, int first) {
        return connection.preparedQuery("select *, (select count(*) from import_job) as total from import_job "
                + "where $1::bigint is null or id < $1 order by id desc limit $2")
                .execute(Tuple.tuple().addLong(after == null ? null : after.id()).addInteger(first + 1)).map(rows -> {
                    List<ImportJobEdge> edges = new ArrayList<>();
                    int total = 0;
                    boolean more = false;
                    for (Row row : rows) {
                        total = row.getLong("total").intValue();
                        if (edges.size() == first) {
                            more = true;
                            break;
                        }
                        ImportJob job = ImportJob.of(row);
                        edges.add(new ImportJobEdge(new Cursor(CURSOR_KIND, job.id(), row.getLong("id")).encode(), job));
                    }
                    if (edges.isEmpty()) {
                        total = 0;
                    }
                    return new ImportJobConnection(edges, new PageInfo(more, edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()),
                            total);
                });
    }

    /** Marks a queued or running job for cancellation; a queued one is cancelled at once. */
    public Uni<Optional<ImportJob>> cancel(SqlConnection connection, long id) {
        return connection.preparedQuery("update import_job set cancel_requested = status in ('QUEUED', 'RUNNING'), "
                + "status = case when status = 'QUEUED' then 'CANCELLED' else status end, "
                + "finished_at = case when status = 'QUEUED' then $2::timestamptz else finished_at end where id = $1 returning *")
                .execute(Tuple.of(id, OffsetDateTime.now())) // the time as a parameter: Citus refuses now() inside case (docs/scale-out.md)
                .call(rows -> rows.iterator().hasNext() && "CANCELLED".equals(rows.iterator().next().getString("status"))
                        ? connection.preparedQuery("delete from import_chunk where job_id = $1").execute(Tuple.of(id)) : Uni.createFrom().voidItem())
                .map(rows -> rows.iterator().hasNext() ? Optional.of(ImportJob.of(rows.iterator().next())) : Optional.empty());
    }

    /** The first {@code first} rejections of each job, one statement. */
    public Uni<List<List<IngestRejection>>> rejections(SqlConnection connection, List<Long> jobIds, int first) {
        return connection.preparedQuery("select job_id, line, reason from (select r.*, row_number() over (partition by job_id order by line) as n "
                + "from import_rejection r where job_id = any($1)) x where n <= $2 order by job_id, line")
                .execute(Tuple.of(jobIds.toArray(Long[]::new), first)).map(rows -> {
                    Map<Long, List<IngestRejection>> byJob = new HashMap<>();
                    for (Row row : rows) {
                        byJob.computeIfAbsent(row.getLong("job_id"), k -> new ArrayList<>())
                                .add(new IngestRejection((int) Math.min(Integer.MAX_VALUE, row.getLong("line")), row.getString("reason")));
                    }
                    return jobIds.stream().map(id -> byJob.getOrDefault(id, List.of())).toList();
                });
    }

    static String json(JsonObject payload) {
        return payload.encode();
    }
}
