package org.socialcrm.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/** Which failures mean "the database cannot be reached" (SERVICE_UNAVAILABLE), on the reactive and the JDBC side. */
class SafeFailuresTest {

    static PgException pg(String sqlState) {
        return new PgException("terminating connection due to administrator command", "FATAL", sqlState, null);
    }

    @Test
    void everyConnectionFailureIsServiceUnavailableWhereverItSitsInTheCauseChain() {
        List<Throwable> unreachable = List.of(
                new ConnectException("Connection refused: localhost/127.0.0.1:5432"),
                new CompletionException(new ConnectException("Connection refused")),
                new RuntimeException(new IllegalStateException(new SocketException("Connection reset"))),
                ClosedConnectionException.INSTANCE,
                pg("57P01"), pg("57P02"), pg("57P03"), pg("08006"), pg("08003"), pg("53300"),
                new SQLException("The connection attempt failed.", "08001"),
                new IllegalStateException("Could not write tenant", new SQLException("I/O error", "08006")),
                new SQLTransientConnectionException("gone"),
                new SQLException("Sorry, acquisition timeout!"),
                new VertxException("Timeout waiting for connection", true),
                new io.netty.channel.ConnectTimeoutException("connection timed out"));
        for (Throwable failure : unreachable) {
            assertTrue(SafeFailures.databaseUnreachable(failure), failure.toString());
            ApiException api = SafeFailures.toApi(failure);
            assertEquals(ErrorCode.SERVICE_UNAVAILABLE, api.code(), failure.toString());
            assertEquals(SafeFailures.UNAVAILABLE_MESSAGE, api.getMessage());
        }
        Throwable suppressed = new RuntimeException("wrapper");
        suppressed.addSuppressed(new ConnectException("refused"));
        assertTrue(SafeFailures.databaseUnreachable(suppressed));
    }

    @Test
    void otherFailuresAreInternalWithAReferenceAndApiErrorsPassThrough() {
        for (Throwable failure : List.of(pg("23505"), pg("P0001"), new SQLException("syntax", "42601"), new IOException("disk"),
                new IllegalStateException("bug"), new VertxException("Timeout", true))) {
            assertFalse(SafeFailures.databaseUnreachable(failure), failure.toString());
            ApiException api = SafeFailures.toApi(failure);
            assertEquals(ErrorCode.INTERNAL, api.code());
            assertTrue(api.getMessage().matches("Internal error \\(ref [0-9a-f]{10}\\)"), api.getMessage());
        }
        NotFoundException notFound = new NotFoundException("No contact with this id.");
        assertSame(notFound, SafeFailures.toApi(new CompletionException(new RuntimeException(notFound))));
        assertSame(notFound, SafeFailures.toApi(notFound));
    }

    @Test
    void theDescriptionNamesTypesAndStatesButNeverTheMessage() {
        String described = SafeFailures.describe(new IllegalStateException("quoting jane@example.com",
                new PgException("duplicate key jane@example.com", "ERROR", "23505", "Key (email)=(jane@example.com)")));
        assertTrue(described.contains("java.lang.IllegalStateException"), described);
        assertTrue(described.contains("sqlState=23505"), described);
        assertFalse(described.contains("jane@example.com"), described);
    }
}
