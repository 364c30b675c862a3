package org.socialcrm.profile.importing;

import java.util.Set;

import org.socialcrm.common.RetryableConflict;

import io.vertx.pgclient.PgException;

/**
 * Which failures of a batch mean it lost a race with a concurrent transaction and succeeds when run again: a key
 * taken meanwhile, a unique violation (two new contacts with one primary email), a deadlock, a serialization failure.
 */
final class LaneConflicts {

    /** unique_violation, serialization_failure, deadlock_detected. */
    private static final Set<String> STATES = Set.of("23505", "40001", "40P01");

    private LaneConflicts() {
    }

    static boolean retryable(Throwable failure) {
        if (RetryableConflict.in(failure)) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && STATES.contains(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    /** For the log: the type and SQL state only (a database message quotes row values). */
    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg) {
                return "SQL state " + pg.getSqlState();
            }
        }
        return failure.getClass().getSimpleName();
    }
}
