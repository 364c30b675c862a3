package org.socialcrm.profile.importing;

import static org.socialcrm.tenancy.DatabasePoolCreator.CACHED;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.socialcrm.audit.AuditLog;
import org.socialcrm.change.ChangeLog;
import org.socialcrm.change.ChangeTypes;
import org.socialcrm.common.ApiException;
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
                            : batches(new TenantScope(found.get()), tenantId, jobId, maxBatches))
                            .onFailure().invoke(e -> LOG.warnf("import job %d of tenant %d failed a batch (%s); it resumes when its lease expires",
                                    jobId, tenantId, e.getClass().getSimpleName()))
                            .onFailure().recoverWithItem((Void) null)
                            .replaceWith(true);
                });
    }

    private Uni<Void> batches(TenantScope scope, long tenantId, long jobId, int left) {
        if (left <= 0) {
            return Uni.createFrom().voidItem();
        }
        return transactions.inTenant(scope, connection -> batch(connection, scope.tenant().stageKeys(), jobId)).chain(more -> {
            if (!more) {
                return done(tenantId, jobId);
            }
            return pool.preparedQuery("update control.import_job set lease_expires_at = now() + make_interval(secs => $4), updated_at = now() "
                    + "where tenant_id = $1 and job_id = $2 and lease_owner = $3")
                    .execute(Tuple.of(tenantId, jobId, owner, (double) config.worker().lease().toSeconds()))
                    .chain(renewed -> renewed.rowCount() == 0 ? Uni.createFrom().voidItem() : batches(scope, tenantId, jobId, left - 1));
        });
    }

    private Uni<Void> done(long tenantId, long jobId) {
        return pool.preparedQuery("update control.import_job set status = 'DONE', lease_owner = null, lease_expires_at = null, "
                + "updated_at = now() where tenant_id = $1 and job_id = $2").execute(Tuple.of(tenantId, jobId)).replaceWithVoid();
    }

    /** One batch in the tenant transaction; true when more lines may follow. */
    private Uni<Boolean> batch(SqlConnection connection, List<String> stages, long jobId) {
        return connection.preparedQuery("select * from import_job where id = $1 for update").execute(Tuple.of(jobId)).chain(rows -> {
            if (!rows.iterator().hasNext()) {
                return Uni.createFrom().item(false);
            }
            Row job = rows.iterator().next();
            String status = job.getString("status");
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return Uni.createFrom().item(false);
            }
            if (job.getBoolean("cancel_requested")) {
                return finish(connection, jobId, "CANCELLED", job.getString("created_by"));
            }
            long cursor = job.getLong("cursor_line");
            // the batch's staged rows are consumed in the transaction that applies them (back if it rolls back)
            return connection.preparedQuery(CACHED + "with picked as (select line from import_row where job_id = $1 and line > $2 order by line limit $3) "
                    + "delete from import_row r using picked p where r.job_id = $1 and r.line = p.line returning r.line, r.payload, r.error")
                    .execute(Tuple.of(jobId, cursor, config.batchSize()))
                    .chain(staged -> staged.size() == 0 ? finish(connection, jobId, "SUCCEEDED", job.getString("created_by"))
                            : apply(connection, stages, job, byLine(staged)).replaceWith(true));
        });
    }

    private static List<Row> byLine(Iterable<Row> rows) {
        List<Row> sorted = new ArrayList<>();
        rows.forEach(sorted::add);
        sorted.sort(Comparator.comparingLong(r -> r.getLong("line")));
        return sorted;
    }

    private Uni<Void> apply(SqlConnection connection, List<String> stages, Row job, Iterable<Row> staged) {
        long jobId = job.getLong("id");
        String actor = job.getString("created_by");
        ImportKind kind = ImportKind.parse(job.getString("kind"));
        List<MatchKey> matchOn = java.util.Arrays.stream(job.getArrayOfStrings("match_on")).map(MatchKey::valueOf).toList();
        List<UpsertOutcome> rejected = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<JsonObject> payloads = new ArrayList<>();
        long last = 0;
        for (Row row : staged) {
            int line = (int) Math.min(Integer.MAX_VALUE, row.getLong("line"));
            last = row.getLong("line");
            if (row.getString("error") != null) {
                rejected.add(new UpsertOutcome(line, null, UpsertOutcomeKind.REJECTED, null, row.getString("error")));
                continue;
            }
            Object payload = row.getValue("payload");
            payloads.add(payload instanceof JsonObject o ? o : new JsonObject(String.valueOf(payload)));
            lines.add(line);
        }
        long cursor = last;
        Uni<List<UpsertOutcome>> applied = kind == ImportKind.CONTACTS ? contacts(connection, stages, actor, lines, payloads, matchOn)
                : events.apply(connection, kind, stages, lines, payloads, matchOn);
        return applied.chain(outcomes -> {
            List<UpsertOutcome> all = new ArrayList<>(outcomes);
            all.addAll(rejected);
            return record(connection, jobId, job.getInteger("rejected"), all, cursor);
        });
    }

    private Uni<List<UpsertOutcome>> contacts(SqlConnection connection, List<String> stages, String actor, List<Integer> lines,
            List<JsonObject> payloads, List<MatchKey> matchOn) {
        return customFields.definitions(connection).chain(definitions -> {
            List<UpsertOutcome> rejected = new ArrayList<>();
            List<Integer> admitted = new ArrayList<>();
            List<ContactUpsertInput> inputs = new ArrayList<>();
            for (int i = 0; i < payloads.size(); i++) {
                try {
                    inputs.add(ImportPayloads.toInput(payloads.get(i), definitions));
                    admitted.add(lines.get(i));
                } catch (ApiException e) {
                    rejected.add(new UpsertOutcome(lines.get(i), null, UpsertOutcomeKind.REJECTED, null, e.getMessage()));
                }
            }
            return upserts.apply(connection, stages, actor, admitted, inputs, matchOn, "import").map(outcomes -> {
                List<UpsertOutcome> all = new ArrayList<>(outcomes);
                all.addAll(rejected);
                return all;
            });
        });
    }

    private Uni<Void> record(SqlConnection connection, long jobId, int rejectedSoFar, List<UpsertOutcome> outcomes, long cursor) {
        int[] n = new int[5];
        List<Long> lines = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (UpsertOutcome o : outcomes) {
            n[o.outcome().ordinal()]++;
            if (o.reason() != null && o.outcome() == UpsertOutcomeKind.REJECTED
                    && rejectedSoFar + lines.size() < config.maxRejections()) {
                lines.add((long) o.index());
                reasons.add(o.reason());
            }
        }
        Uni<Void> rejections = lines.isEmpty() ? Uni.createFrom().voidItem()
                : connection.preparedQuery(CACHED + "insert into import_rejection (job_id, line, reason) select $1, l, r from unnest($2::bigint[], $3::text[]) u(l, r) "
                        + "on conflict do nothing").execute(Tuple.of(jobId, lines.toArray(Long[]::new), reasons.toArray(String[]::new))).replaceWithVoid();
        return rejections.chain(() -> connection.preparedQuery(CACHED + "update import_job set status = 'RUNNING', started_at = coalesce(started_at, $9::timestamptz), "
                + "rows_processed = rows_processed + $2, created = created + $3, updated = updated + $4, unchanged = unchanged + $5, "
                + "ambiguous = ambiguous + $6, rejected = rejected + $7, cursor_line = $8 where id = $1")
                .execute(Tuple.tuple(List.of(jobId, outcomes.size(), n[0], n[1], n[2], n[3], n[4], cursor, OffsetDateTime.now()))).replaceWithVoid())
                .chain(() -> changes.record(connection, ChangeTypes.IMPORT_PROGRESS, jobId, new JsonObject().put("rowsProcessed", outcomes.size())
                        .put("created", n[0]).put("updated", n[1]).put("unchanged", n[2]).put("ambiguous", n[3]).put("rejected", n[4])));
    }

    private Uni<Boolean> finish(SqlConnection connection, long jobId, String status, String actor) {
        return connection.preparedQuery("update import_job set status = $2, finished_at = $3, started_at = coalesce(started_at, $3) "
                + "where id = $1 returning created, updated, unchanged, ambiguous, rejected")
                .execute(Tuple.of(jobId, status, OffsetDateTime.now()))
                .chain(rows -> connection.preparedQuery("delete from import_row where job_id = $1").execute(Tuple.of(jobId)))
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
