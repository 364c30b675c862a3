package org.socialcrm.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgException;

/**
 * The one retry rule of mutations (TenantRequests.mutate) and import batches (ImportWorker): each kind of lost race
 * it runs again, wherever it sits in the cause chain, and what it must not run again.
 */
class RetryableConflictTest {

    private static PgException pg(String sqlState) {
        return new PgException("duplicate key value violates unique constraint (value quoted here)", "ERROR", sqlState, null);
    }

    private static final class Taken extends RetryableConflict {
        private static final long serialVersionUID = 1L;

        Taken() {
            super("a key was taken by a concurrent transaction");
        }
    }

    @Test
    void aConflictOfOurOwnIsRetried() {
        assertTrue(RetryableConflict.in(new Taken()));
        assertTrue(RetryableConflict.in(new CompletionException(new Taken())));
    }

    @Test
    void aUniqueViolationIsRetried() {
        assertTrue(RetryableConflict.in(pg("23505")));
        assertTrue(RetryableConflict.in(new CompletionException(pg("23505"))));
    }

    @Test
    void aSerializationFailureIsRetried() {
        assertTrue(RetryableConflict.in(pg("40001")));
        assertTrue(RetryableConflict.in(new IllegalStateException(new CompletionException(pg("40001")))));
    }

    @Test
    void aDeadlockIsRetried() {
        assertTrue(RetryableConflict.in(pg("40P01")));
        assertTrue(RetryableConflict.in(new RuntimeException(pg("40P01"))));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(RetryableConflict.in(pg("23503"))); // foreign key: running again finds the same
        assertFalse(RetryableConflict.in(pg("57014"))); // statement timeout
        assertFalse(RetryableConflict.in(pg("23514")));
        assertFalse(RetryableConflict.in(new BadUserInputException("emails", "is not a valid email address")));
        assertFalse(RetryableConflict.in(new IllegalStateException("no")));
    }

    @Test
    void theLogGetsTheStateNeverTheMessage() {
        assertEquals("SQL state 40P01", RetryableConflict.describe(new CompletionException(pg("40P01"))));
        assertEquals("Taken", RetryableConflict.describe(new Taken()));
    }
}
