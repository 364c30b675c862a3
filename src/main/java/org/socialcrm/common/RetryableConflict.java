package org.socialcrm.common;

import java.util.Set;

import io.vertx.pgclient.PgException;

/**
 * A transaction lost a race that running it again resolves: what it read before writing was changed by another
 * transaction that committed meanwhile, and it rolled back rather than write on. Mutations and import batches run
 * again (a few times) when their unit of work fails with one of these; only if every attempt loses does the caller see
 * an error.
 */
public class RetryableConflict extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * PostgreSQL's own words for a lost race: unique_violation (a key this transaction did not find was committed by
     * another meanwhile), serialization_failure, deadlock_detected. A retry runs the whole unit of work again in a new
     * transaction, so it then sees what the other one committed.
     */
    private static final Set<String> SQL_STATES = Set.of("23505", "40001", "40P01");

    protected RetryableConflict(String message) {
        super(message, null, false, false);
    }

    /**
     * The one retry rule of mutations ({@code TenantRequests.mutate}) and import batches ({@code ImportWorker}):
     * whether {@code failure} or one of its causes is a conflict worth running again.
     */
    public static boolean in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RetryableConflict || t instanceof PgException pg && SQL_STATES.contains(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    /** For the log: the SQL state or the type only (a database message quotes row values). */
    public static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg) {
                return "SQL state " + pg.getSqlState();
            }
        }
        return failure.getClass().getSimpleName();
    }
}
