package org.socialcrm.profile.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.socialcrm.audit.AuditLog;
import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.RestErrors;
import org.socialcrm.profile.MatchKey;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantAccess;
import org.socialcrm.tenancy.TenantScope;
import org.socialcrm.tenancy.TenantTransactions;

import io.smallrye.common.annotation.Blocking;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@code POST /api/imports?format=csv|ndjson[&matchOn=EMAIL,PHONE]}: streams the body into the job's staging rows
 * (batches of {@code scrm.imports.batch-size}, memory flat whatever the size), then queues the job and answers 202
 * with its id. Bearer token with crm-analyst and up or the partner scope contacts:write, X-Tenant-ID; 403 otherwise,
 * 400 for an unknown format, match key or CSV column (nothing is created then).
 */
@Path("/api/imports")
public class ImportResource {

    private final TenantAccess access;
    private final TenantTransactions transactions;
    private final ImportJobs jobs;
    private final AuditLog audit;
    private final Pool pool;
    private final ImportConfig config;

    public ImportResource(TenantAccess access, TenantTransactions transactions, ImportJobs jobs, AuditLog audit, Pool pool,
            ImportConfig config) {
        this.access = access;
        this.transactions = transactions;
        this.jobs = jobs;
        this.audit = audit;
        this.pool = pool;
        this.config = config;
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response start(@QueryParam("format") String format, @QueryParam("matchOn") String matchOn, InputStream body)
            throws IOException {
        String kind = format == null ? "" : format.toLowerCase(Locale.ROOT);
        if (!kind.equals("csv") && !kind.equals("ndjson")) {
            throw new BadUserInputException("format", "must be csv or ndjson");
        }
        List<MatchKey> keys = matchKeys(matchOn);
        TenantScope scope = access.resolve(Permission.WRITE_CONTACTS).await().indefinitely();
        String actor = access.caller().subject();
        Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8);
        int max = config.maxLineLength();
        Rows rows = kind.equals("csv") ? csv(new CsvRecords(new BoundedLines(reader, max), max)) : ndjson(new BoundedLines(reader, max));
        ImportJob job = transactions.inTenant(scope, connection -> jobs.create(connection, kind, keys, actor)
                .call(created -> audit.record(connection, actor, "import.start", created.id(), new JsonObject().put("format", kind))))
                .await().indefinitely();
        long jobId = Long.parseLong(job.id());
        long total = 0;
        Batch batch = new Batch();
        while (rows.next(batch)) {
            total++;
            if (batch.lines.size() >= config.batchSize()) {
                flush(scope, jobId, batch);
            }
        }
        flush(scope, jobId, batch);
        long staged = total;
        transactions.inTenant(scope, connection -> jobs.staged(connection, jobId, staged)).await().indefinitely();
        pool.preparedQuery("insert into control.import_job (tenant_id, tenant_slug, job_id) values ($1, $2, $3) on conflict do nothing")
                .execute(Tuple.of(scope.tenant().id(), scope.slug(), jobId)).await().indefinitely();
        return RestErrors.json(202, new JsonObject().put("id", job.id()).put("status", "QUEUED").put("rowsTotal", total));
    }

    private void flush(TenantScope scope, long jobId, Batch batch) {
        if (batch.lines.isEmpty()) {
            return;
        }
        List<Long> lines = List.copyOf(batch.lines);
        List<String> payloads = new ArrayList<>(batch.payloads);
        List<String> errors = new ArrayList<>(batch.errors);
        transactions.inTenant(scope, connection -> jobs.stage(connection, jobId, lines, payloads, errors)).await().indefinitely();
        batch.clear();
    }

    private static List<MatchKey> matchKeys(String matchOn) {
        if (matchOn == null || matchOn.isBlank()) {
            return List.of(MatchKey.values());
        }
        List<MatchKey> keys = new ArrayList<>();
        for (String key : matchOn.split(",")) {
            try {
                keys.add(MatchKey.valueOf(key.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new BadUserInputException("matchOn", "comma-separated EXTERNAL_ID, EMAIL, PHONE, SOCIAL_HANDLE");
            }
        }
        return keys.stream().distinct().toList();
    }

    /** Staged lines waiting for their insert. */
    private static final class Batch {
        final List<Long> lines = new ArrayList<>();
        final List<String> payloads = new ArrayList<>();
        final List<String> errors = new ArrayList<>();

        void add(long line, String payload, String error) {
            if (payload != null && payload.contains("\\u0000")) {
                // PostgreSQL text cannot hold NUL
                payload = null;
                error = "contains a NUL character";
            }
            lines.add(line);
            payloads.add(payload);
            errors.add(error);
        }

        void clear() {
            lines.clear();
            payloads.clear();
            errors.clear();
        }
    }

    /** Adds the next row to the batch; false at the end of the file. */
    private interface Rows {
        boolean next(Batch batch) throws IOException;
    }

    private static Rows csv(CsvRecords records) throws IOException {
        CsvRecords.Record header = records.next();
        if (header == null || header.cells() == null) {
            throw new BadUserInputException("header", "the first line must name the columns (see docs/import.md)");
        }
        ImportColumns columns = ImportColumns.of(header.cells());
        return batch -> {
            CsvRecords.Record record = records.next();
            if (record == null) {
                return false;
            }
            if (record.error() != null) {
                batch.add(record.line(), null, record.error());
                return true;
            }
            try {
                batch.add(record.line(), columns.toPayload(record.cells()).encode(), null);
            } catch (IllegalArgumentException e) {
                batch.add(record.line(), null, "line " + e.getMessage());
            }
            return true;
        };
    }

    private static Rows ndjson(BoundedLines lines) {
        return batch -> {
            BoundedLines.Line line;
            do {
                line = lines.next();
                if (line == null) {
                    return false;
                }
            } while (!line.tooLong() && line.text().isBlank());
            if (line.tooLong()) {
                batch.add(line.number(), null, "line too long");
                return true;
            }
            try {
                batch.add(line.number(), new JsonObject(line.text()).encode(), null);
            } catch (DecodeException | ClassCastException e) {
                batch.add(line.number(), null, "not a JSON object");
            }
            return true;
        };
    }
}
