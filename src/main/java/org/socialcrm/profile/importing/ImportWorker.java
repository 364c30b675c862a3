package org.socialcrm.profile.importing;

import static org.socialcrm.tenancy.DatabasePoolCreator.CACHED;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.socialcrm.audit.AuditLog;
import org.socialcrm.change.ChangeLog;
import org.socialcrm.change.ChangeTypes;
import org.socialcrm.common.ApiException;
import org.socialcrm.common.RetryableConflict;
import org.socialcrm.profile.ContactUpsertInput;
import org.socialcrm.profile.ContactUpserts;
import org.socialcrm.profile.CustomFields;
import org.socialcrm.profile.MatchKey;
import org.socialcrm.profile.UpsertOutcome;
import org.socialcrm.profile.UpsertOutcomeKind;
import org.socialcrm.tenancy.TenantDirectory;
import org.socialcrm.tenancy.TenantScope;
import org.socialcrm.tenancy.TenantTransactions;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Runs queued imports of every tenant. A job is leased in the control plane ({@code for update skip locked}, lease
 * expiry); each batch of staged lines is applied, counted and its cursor advanced in ONE tenant transaction, and the
 * lease is renewed with it. A replica that dies leaves the job to another once the lease expires, which resumes
 * after the last committed batch: no line is applied twice. Cancellation is checked at every batch.
 */
@ApplicationScoped
public class ImportWorker {

    private static final Logger LOG = Logger.getLogger(ImportWorker.class);

    static final String LEASE = """
            with picked as (
              select tenant_id, job_id from control.import_job
              where status = 'QUEUED' and (lease_expires_at is null or lease_expires_at < now())
              order by created_at limit 1 for update skip locked
            )
            update control.import_job j set lease_owner = $1, lease_expires_at = now() + make_interval(secs => $2), updated_at = now()
            from picked p where j.tenant_id = p.tenant_id and j.job_id = p.job_id
            returning j.tenant_id, j.tenant_slug, j.job_id""";

    private final Pool pool;
    private final TenantDirectory directory;
    private final TenantTransactions transactions;
    private final ContactUpserts upserts;
    private final CustomFields customFields;
    private final AuditLog audit;
    private final ChangeLog changes;
    private final EventImports events;
    private final ImportConfig config;
    private final String owner;

    public ImportWorker(Pool pool, TenantDirectory directory, TenantTransactions transactions, ContactUpserts upserts,
            CustomFields customFields, AuditLog audit, ChangeLog changes, EventImports events, ImportConfig config) {
        this.changes = changes;
        this.events = events;
        this.pool = pool;
        this.directory = directory;
        this.transactions = transactions;
        this.upserts = upserts;
        this.customFields = customFields;
        this.audit = audit;
        this.config = config;
        this.owner = config.worker().owner().orElseGet(() -> System.getenv().getOrDefault("HOSTNAME", "replica") + "-"
                + UUID.randomUUID().toString().substring(0, 8));
    }

    @Scheduled(identity = "imports", every = "${scrm.imports.worker.every:2s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    Uni<Void> tick() {
        return runNext(Integer.MAX_VALUE).replaceWithVoid();
    }

    /** Leases the next queued job and runs at most {@code maxBatches} batches of it; false when none was due. */
    public Uni<Boolean> runNext(int maxBatches) {
        return pool.withTransaction(c -> c.preparedQuery(LEASE).execute(Tuple.of(owner, (double) config.worker().lease().toSeconds())))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().item(false);
                    }
                    Row leased = rows.iterator().next();
                    long tenantId = leased.getLong("tenant_id");
                    long jobId = leased.getLong("job_id");
                    return directory.bySlug(leased.getString("tenant_slug")).chain(found -> found.isEmpty()
                            ? done(tenantId, jobId)
                            : run(new TenantScope(found.get()), tenantId, jobId, maxBatches))
                            .onFailure().invoke(e -> LOG.warnf("import job %d of tenant %d failed a batch (%s); it resumes when its lease expires",
                                    jobId, tenantId, e.getClass().getSimpleName()))
                            .onFailure().recoverWithItem((Void) null)
                            .replaceWith(true);
                });
    }

    /**
     * Runs the job in {@code scrm.imports.worker.lanes} lanes at once (contact imports; event imports take one), each
     * on its own connection with its own share of the staged rows (by bucket, LaneKeys), at most {@code maxBatches}
     * batches in all. The job ends (SUCCEEDED or CANCELLED) only once every lane found nothing left or saw the
     * cancellation, in one transaction of its own.
     */
    private Uni<Void> run(TenantScope scope, long tenantId, long jobId, int maxBatches) {
        return transactions.inTenant(scope, c -> c.preparedQuery("select kind from import_job where id = $1").execute(Tuple.of(jobId)))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return done(tenantId, jobId);
                    }
                    int lanes = ImportKind.parse(rows.iterator().next().getString("kind")) != ImportKind.CONTACTS ? 1
                            : Math.max(1, Math.min(config.worker().lanes(), maxBatches));
                    AtomicInteger budget = new AtomicInteger(maxBatches);
                    List<Uni<Boolean>> all = new ArrayList<>();
                    for (int i = 0; i < lanes; i++) {
                        all.add(lane(scope, tenantId, jobId, new Lane(i, lanes), budget));
                    }
                    return Uni.join().all(all).andCollectFailures().chain(ended -> ended.stream().allMatch(Boolean::booleanValue)
                            ? transactions.inTenant(scope, c -> end(c, jobId))
                                    .chain(ends -> ends ? done(tenantId, jobId) : Uni.createFrom().voidItem())
                            : Uni.createFrom().voidItem());
                });
    }

    /** One lane's share of a job: which lane groups, and the first line of the last chunk it applied (the chunks before it are gone). */
    private static final class Lane {
        final int index;
        final int of;
        long cursor;

        Lane(int index, int of) {
            this.index = index;
            this.of = of;
        }
    }

    /** A lane's batches, one after the other; true when it found nothing left to do, false when it paused. */
    private Uni<Boolean> lane(TenantScope scope, long tenantId, long jobId, Lane lane, AtomicInteger budget) {
        if (budget.getAndDecrement() <= 0) {
            return Uni.createFrom().item(false);
        }
        return attempt(scope, jobId, lane, 1).chain(last -> {
            if (last < 0) {
                return Uni.createFrom().item(true);
            }
            lane.cursor = last;
            return pool.preparedQuery("update control.import_job set lease_expires_at = now() + make_interval(secs => $4), updated_at = now() "
                    + "where tenant_id = $1 and job_id = $2 and lease_owner = $3")
                    .execute(Tuple.of(tenantId, jobId, owner, (double) config.worker().lease().toSeconds()))
                    .chain(renewed -> renewed.rowCount() == 0 ? Uni.createFrom().item(false) : lane(scope, tenantId, jobId, lane, budget));
        });
    }

    /**
     * One batch of the lane in its own transaction; the first line of the chunk applied, or -1 when there was nothing left (or the
     * job is cancelled or over). A batch that lost a race with another lane (a key taken meanwhile, a deadlock) rolled
     * back whole, its staged rows with it, and runs again: it then sees what the other lane committed.
     */
    private Uni<Long> attempt(TenantScope scope, long jobId, Lane lane, int attempt) {
        return transactions.inTenant(scope, connection -> batch(connection, scope.tenant().stageKeys(), jobId, lane))
                .onFailure(e -> attempt < MAX_ATTEMPTS && RetryableConflict.in(e)).recoverWithUni(e -> {
                    LOG.debugf("import job %d: lane %d retries a batch after %s", jobId, lane.index, RetryableConflict.describe(e));
                    return attempt(scope, jobId, lane, attempt + 1);
                });
    }

    private static final int MAX_ATTEMPTS = 10;

    private Uni<Void> done(long tenantId, long jobId) {
        return pool.preparedQuery("update control.import_job set status = 'DONE', lease_owner = null, lease_expires_at = null, "
                + "updated_at = now() where tenant_id = $1 and job_id = $2").execute(Tuple.of(tenantId, jobId)).replaceWithVoid();
    }

    /** Ends the job once its lanes stopped: CANCELLED if asked, else SUCCEEDED unless rows are left; true when it is over. */
    private Uni<Boolean> end(SqlConnection connection, long jobId) {
        return connection.preparedQuery("select status, cancel_requested, created_by, "
                + "exists (select 1 from import_chunk where job_id = $1) as left_over from import_job where id = $1 for update")
                .execute(Tuple.of(jobId)).chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().item(true);
                    }
                    Row job = rows.iterator().next();
                    String status = job.getString("status");
                    if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                        return Uni.createFrom().item(true);
                    }
                    if (job.getBoolean("cancel_requested")) {
                        return finish(connection, jobId, "CANCELLED", job.getString("created_by")).replaceWith(true);
                    }
                    return job.getBoolean("left_over") ? Uni.createFrom().item(false)
                            : finish(connection, jobId, "SUCCEEDED", job.getString("created_by")).replaceWith(true);
                });
    }

    /** One batch (chunk) of the lane in the tenant transaction: its first line, or -1 when nothing is left or the job stopped. */
    private Uni<Long> batch(SqlConnection connection, List<String> stages, long jobId, Lane lane) {
        // no row lock on the job here: lanes run side by side; its counters are updated (and locked) at the batch's end
        return connection.preparedQuery(CACHED + "select * from import_job where id = $1").execute(Tuple.of(jobId)).chain(rows -> {
            if (!rows.iterator().hasNext()) {
                return Uni.createFrom().item(-1L);
            }
            Row job = rows.iterator().next();
            String status = job.getString("status");
            if (!status.equals("QUEUED") && !status.equals("RUNNING") || job.getBoolean("cancel_requested")) {
                return Uni.createFrom().item(-1L);
            }
            // a batch is the lane's next chunk, consumed in the transaction that applies it (back if it rolls back)
            return connection.preparedQuery(CACHED + "with picked as (select first_line from import_chunk where job_id = $1 "
                    + "and first_line > $2 and lane_group % $3 = $4 order by first_line limit 1) "
                    + "delete from import_chunk where job_id = $1 and first_line = (select first_line from picked) "
                    + "returning first_line, lines, payloads, errors")
                    .execute(Tuple.of(jobId, lane.cursor, lane.of, lane.index))
                    .chain(chunk -> {
                        if (chunk.size() == 0) {
                            return Uni.createFrom().item(-1L);
                        }
                        Row row = chunk.iterator().next();
                        long first = row.getLong("first_line");
                        return apply(connection, stages, job, Staged.of(row)).replaceWith(first);
                    });
        });
    }

    /** A chunk's lines: each a payload or the reason it could not be read. */
    private record Staged(Long[] lines, String[] payloads, String[] errors) {
        static Staged of(Row row) {
            return new Staged(row.getArrayOfLongs("lines"), row.getArrayOfStrings("payloads"), row.getArrayOfStrings("errors"));
        }
    }

    /** Applies a chunk and records its counts (the job's cursor: its last line). */
    private Uni<Void> apply(SqlConnection connection, List<String> stages, Row job, Staged staged) {
        long jobId = job.getLong("id");
        String actor = job.getString("created_by");
        ImportKind kind = ImportKind.parse(job.getString("kind"));
        List<MatchKey> matchOn = java.util.Arrays.stream(job.getArrayOfStrings("match_on")).map(MatchKey::valueOf).toList();
        List<UpsertOutcome> rejected = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<String> payloads = new ArrayList<>();
        long last = 0;
        for (int i = 0; i < staged.lines().length; i++) {
            long number = staged.lines()[i];
            int line = (int) Math.min(Integer.MAX_VALUE, number);
            last = Math.max(last, number);
            if (staged.errors()[i] != null) {
                rejected.add(new UpsertOutcome(line, null, UpsertOutcomeKind.REJECTED, null, staged.errors()[i]));
                continue;
            }
            payloads.add(staged.payloads()[i]);
            lines.add(line);
        }
        long cursor = last;
        String[] columns = job.getArrayOfStrings("csv_columns");
        Uni<List<UpsertOutcome>> applied = kind == ImportKind.CONTACTS
                ? contacts(connection, stages, actor, lines, payloads, columns == null ? null : ImportColumns.stored(columns), matchOn)
                : events.apply(connection, kind, stages, lines, payloads.stream().map(JsonObject::new).toList(), matchOn);
        return applied.chain(outcomes -> {
            List<UpsertOutcome> all = new ArrayList<>(outcomes);
            all.addAll(rejected);
            return record(connection, jobId, all, cursor);
        });
    }

    /** {@code csv}: the job's CSV header when its lines are staged as CSV record text; null when they are JSON. */
    private Uni<List<UpsertOutcome>> contacts(SqlConnection connection, List<String> stages, String actor, List<Integer> lines,
            List<String> payloads, ImportColumns csv, List<MatchKey> matchOn) {
        return customFields.definitions(connection).chain(definitions -> {
            List<UpsertOutcome> rejected = new ArrayList<>();
            List<Integer> admitted = new ArrayList<>();
            List<ContactUpsertInput> inputs = new ArrayList<>();
            for (int i = 0; i < payloads.size(); i++) {
                try {
                    inputs.add(csv == null ? ImportPayloads.toInput(new JsonObject(payloads.get(i)), definitions)
                            : csv.toInput(CsvCells.of(payloads.get(i)), definitions));
                    admitted.add(lines.get(i));
                } catch (ApiException e) {
                    rejected.add(new UpsertOutcome(lines.get(i), null, UpsertOutcomeKind.REJECTED, null, e.getMessage()));
                } catch (java.io.IOException e) {
                    // read on upload already: only a record staged by another version could end here
                    rejected.add(new UpsertOutcome(lines.get(i), null, UpsertOutcomeKind.REJECTED, null, "malformed CSV: quotes must enclose whole values"));
                }
            }
            return upserts.apply(connection, stages, actor, admitted, inputs, matchOn, "import").map(outcomes -> {
                List<UpsertOutcome> all = new ArrayList<>(outcomes);
                all.addAll(rejected);
                return all;
            });
        });
    }

    /**
     * The batch's counts first: that update locks the job row until commit, so lanes add their counts one after the
     * other and the rejections kept stop at exactly {@code scrm.imports.max-rejections}.
     */
    private Uni<Void> record(SqlConnection connection, long jobId, List<UpsertOutcome> outcomes, long cursor) {
        int[] n = new int[5];
        List<Long> lines = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (UpsertOutcome o : outcomes) {
            n[o.outcome().ordinal()]++;
            if (o.reason() != null && o.outcome() == UpsertOutcomeKind.REJECTED) {
                lines.add((long) o.index());
                reasons.add(o.reason());
            }
        }
        return connection.preparedQuery(CACHED + "update import_job set status = 'RUNNING', started_at = coalesce(started_at, $9::timestamptz), "
                + "rows_processed = rows_processed + $2, created = created + $3, updated = updated + $4, unchanged = unchanged + $5, "
                + "ambiguous = ambiguous + $6, rejected = rejected + $7, cursor_line = greatest(cursor_line, $8) where id = $1 "
                + "returning rejected - $7 as rejected_before")
                .execute(Tuple.tuple(List.of(jobId, outcomes.size(), n[0], n[1], n[2], n[3], n[4], cursor, OffsetDateTime.now())))
                .chain(counted -> {
                    int room = config.maxRejections() - counted.iterator().next().getInteger("rejected_before");
                    if (lines.isEmpty() || room <= 0) {
                        return Uni.createFrom().voidItem();
                    }
                    int keep = Math.min(room, lines.size());
                    return connection.preparedQuery(CACHED + "insert into import_rejection (job_id, line, reason) "
                            + "select $1, l, r from unnest($2::bigint[], $3::text[]) u(l, r) on conflict do nothing")
                            .execute(Tuple.of(jobId, lines.subList(0, keep).toArray(Long[]::new), reasons.subList(0, keep).toArray(String[]::new)))
                            .replaceWithVoid();
                })
                .chain(() -> changes.record(connection, ChangeTypes.IMPORT_PROGRESS, jobId, new JsonObject().put("rowsProcessed", outcomes.size())
                        .put("created", n[0]).put("updated", n[1]).put("unchanged", n[2]).put("ambiguous", n[3]).put("rejected", n[4])));
    }

    private Uni<Boolean> finish(SqlConnection connection, long jobId, String status, String actor) {
        return connection.preparedQuery("update import_job set status = $2, finished_at = $3, started_at = coalesce(started_at, $3) "
                + "where id = $1 returning created, updated, unchanged, ambiguous, rejected")
                .execute(Tuple.of(jobId, status, OffsetDateTime.now()))
                .chain(rows -> connection.preparedQuery("delete from import_chunk where job_id = $1").execute(Tuple.of(jobId)))
                .chain(() -> changes.record(connection, ChangeTypes.IMPORT_COMPLETED, jobId, new JsonObject().put("status", status)))
                .chain(() -> audit.record(connection, actor, "import." + status.toLowerCase(java.util.Locale.ROOT), Long.toString(jobId), null))
                .replaceWith(false);
    }

    /** Skips the scheduled tick when the worker is switched off (tests drive it by hand). */
    @ApplicationScoped
    public static class Disabled implements Scheduled.SkipPredicate {
        private final ImportConfig config;

        public Disabled(ImportConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.worker().enabled();
        }
    }
}
