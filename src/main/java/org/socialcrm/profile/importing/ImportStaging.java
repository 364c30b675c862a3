package org.socialcrm.profile.importing;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.audit.AuditLog;
import org.socialcrm.common.BadUserInputException;
import org.socialcrm.profile.MatchKey;
import org.socialcrm.tenancy.TenantScope;
import org.socialcrm.tenancy.TenantTransactions;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Streams a file into a new job's staging rows (batches of {@code scrm.imports.batch-size}, one multi-row insert
 * each, memory flat whatever the size) and queues the job for the workers. Blocking: call it on a worker thread,
 * for a tenant and actor already authorized (the REST upload, the dev demo seeding).
 */
@ApplicationScoped
public class ImportStaging {

    private final TenantTransactions transactions;
    private final ImportJobs jobs;
    private final AuditLog audit;
    private final Pool pool;
    private final ImportConfig config;

    public ImportStaging(TenantTransactions transactions, ImportJobs jobs, AuditLog audit, Pool pool, ImportConfig config) {
        this.transactions = transactions;
        this.jobs = jobs;
        this.audit = audit;
        this.pool = pool;
        this.config = config;
    }

    /** A queued job and how many rows it holds. */
    public record Staged(ImportJob job, long rows) {
    }

    /** {@code format}: csv or ndjson; a CSV header that does not fit the kind is BAD_USER_INPUT and nothing is created. */
    public Staged stage(TenantScope scope, String actor, ImportKind kind, String format, List<MatchKey> keys, Reader reader)
            throws IOException {
        String fileFormat = format;
        int max = config.maxLineLength();
        Rows rows;
        String[] columns = null;
        if (fileFormat.equals("csv")) {
            CsvRecords records = new CsvRecords(new BoundedLines(reader, max), max);
            String[] header = header(records);
            if (kind == ImportKind.CONTACTS) {
                ImportColumns contactColumns = ImportColumns.of(header);
                columns = contactColumns.names();
                rows = contacts(records, contactColumns, keys);
            } else {
                rows = events(records, EventColumns.of(kind, header), keys);
            }
        } else {
            rows = ndjson(new BoundedLines(reader, max), keys);
        }
        String[] jobColumns = columns;
        ImportJob job = transactions.inTenant(scope, connection -> jobs.create(connection, kind, fileFormat, jobColumns, keys, actor)
                .call(created -> audit.record(connection, actor, "import.start", created.id(),
                        new JsonObject().put("format", fileFormat).put("kind", kind.key()))))
                .await().indefinitely();
        long jobId = Long.parseLong(job.id());
        long total = 0;
        Chunks chunks = new Chunks(config.batchSize(), kind == ImportKind.CONTACTS ? Math.max(1, config.worker().lanes()) : 1);
        CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);
        while (rows.next(chunks)) {
            total++;
            Chunk full = chunks.full();
            if (full != null) {
                inFlight = flush(scope, jobId, full, inFlight);
            }
        }
        for (Chunk rest : chunks.rest()) {
            inFlight = flush(scope, jobId, rest, inFlight);
        }
        inFlight.join();
        long staged = total;
        transactions.inTenant(scope, connection -> jobs.staged(connection, jobId, staged)).await().indefinitely();
        pool.preparedQuery("insert into control.import_job (tenant_id, tenant_slug, job_id) values ($1, $2, $3) on conflict do nothing")
                .execute(Tuple.of(scope.tenant().id(), scope.slug(), jobId)).await().indefinitely();
        return new Staged(job, total);
    }

    /**
     * Inserts the chunk once the previous insert is done, without waiting for it: the next lines are parsed while this
     * chunk is written (one insert in flight at most).
     */
    private CompletableFuture<Void> flush(TenantScope scope, long jobId, Chunk chunk, CompletableFuture<Void> previous) {
        previous.join();
        return transactions.inTenant(scope, connection -> jobs.stage(connection, jobId, chunk.group, chunk.lines, chunk.payloads, chunk.errors))
                .subscribeAsCompletionStage();
    }

    /**
     * The lines read so far, one open chunk per lane group (one group per lane; event imports run in one lane); a
     * chunk is full at {@code batch-size} lines or {@link #MAX_CHUNK_CHARS} characters of payload, so memory stays
     * bound by the open chunks whatever the file's size.
     */
    private static final class Chunks {
        private final Chunk[] open;
        private final int size;
        private Chunk full;

        Chunks(int size, int groups) {
            this.size = size;
            this.open = new Chunk[groups];
        }

        void add(long line, String error) {
            add(line, null, (short) 0, error);
        }

        /** A line as ContactUpsertInput's (or an event input's) JSON. */
        void add(long line, JsonObject row, List<MatchKey> keys) {
            String payload = row.encode();
            if (payload.contains("\\u0000")) {
                add(line, NUL);
            } else {
                add(line, payload, LaneKeys.bucket(row, keys), null);
            }
        }

        /** A contact CSV record as its text (ImportColumns reads it again when the chunk is applied). */
        void add(long line, String record, short bucket) {
            if (record.indexOf('\0') >= 0) {
                add(line, NUL);
            } else {
                add(line, record, bucket, null);
            }
        }

        private void add(long line, String payload, short bucket, String error) {
            short group = LaneKeys.group(bucket, open.length);
            Chunk chunk = open[group];
            if (chunk == null) {
                chunk = open[group] = new Chunk(group);
            }
            chunk.add(line, payload, error);
            if (chunk.lines.size() >= size || chunk.chars >= MAX_CHUNK_CHARS) {
                full = chunk;
                open[group] = null;
            }
        }

        /** The chunk the last line filled, once. */
        Chunk full() {
            Chunk chunk = full;
            full = null;
            return chunk;
        }

        /** The chunks still open at the end of the file. */
        List<Chunk> rest() {
            List<Chunk> rest = new ArrayList<>();
            for (Chunk chunk : open) {
                if (chunk != null) {
                    rest.add(chunk);
                }
            }
            return rest;
        }
    }

    /** PostgreSQL text cannot hold NUL. */
    private static final String NUL = "contains a NUL character";

    /** A chunk's payload stays well below PostgreSQL's 1 GB per value, whatever the lines' lengths (up to max-line-length each). */
    static final int MAX_CHUNK_CHARS = 8 << 20;

    /** Staged lines of one lane group waiting for their insert, in line order. */
    private static final class Chunk {
        final short group;
        final List<Long> lines = new ArrayList<>();
        final List<String> payloads = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        long chars;

        Chunk(short group) {
            this.group = group;
        }

        void add(long line, String payload, String error) {
            lines.add(line);
            payloads.add(payload);
            errors.add(error);
            chars += payload == null ? 0 : payload.length();
        }
    }

    /** Adds the next line to the chunks; false at the end of the file. */
    private interface Rows {
        boolean next(Chunks batch) throws IOException;
    }

    private static String[] header(CsvRecords records) throws IOException {
        CsvRecords.Record header = records.next();
        if (header == null || header.cells() == null) {
            throw new BadUserInputException("header", "the first line must name the columns (see docs/import.md)");
        }
        return header.cells();
    }

    /** Contact records are staged as their text, checked (cell count, numbers) and bucketed from their cells. */
    private static Rows contacts(CsvRecords records, ImportColumns columns, List<MatchKey> keys) {
        return csv(records, (batch, record) -> {
            columns.check(record.cells());
            batch.add(record.line(), record.text(), columns.bucket(record.cells(), keys));
        });
    }

    private static Rows events(CsvRecords records, RecordColumns columns, List<MatchKey> keys) {
        return csv(records, (batch, record) -> batch.add(record.line(), columns.toPayload(record.cells()), keys));
    }

    /** How one well-formed record is staged; an IllegalArgumentException rejects its line. */
    private interface RecordStaging {
        void stage(Chunks batch, CsvRecords.Record record);
    }

    /** Every record staged, malformed and refused ones as rejected lines with their number. */
    private static Rows csv(CsvRecords records, RecordStaging staging) {
        return batch -> {
            CsvRecords.Record record = records.next();
            if (record == null) {
                return false;
            }
            if (record.error() != null) {
                batch.add(record.line(), record.error());
                return true;
            }
            try {
                staging.stage(batch, record);
            } catch (IllegalArgumentException e) {
                batch.add(record.line(), "line " + e.getMessage());
            }
            return true;
        };
    }

    private static Rows ndjson(BoundedLines lines, List<MatchKey> keys) {
        return batch -> {
            BoundedLines.Line line;
            do {
                line = lines.next();
                if (line == null) {
                    return false;
                }
            } while (!line.tooLong() && line.text().isBlank());
            if (line.tooLong()) {
                batch.add(line.number(), "line too long");
                return true;
            }
            try {
                batch.add(line.number(), new JsonObject(line.text()), keys);
            } catch (DecodeException | ClassCastException e) {
                batch.add(line.number(), "not a JSON object");
            }
            return true;
        };
    }
}
