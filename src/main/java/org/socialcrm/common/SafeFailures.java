package org.socialcrm.common;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * The one failure and logging policy of the service (GraphQL, REST, HTTP). A failure the caller is meant to see
 * ({@link ApiException}, anywhere in the cause chain) passes through; a database that cannot be reached becomes
 * SERVICE_UNAVAILABLE; anything else becomes INTERNAL with a reference. The log line names the exception types, SQL
 * state, constraint/table/column and code location only: exception messages are never logged, since database errors
 * quote row values (emails, names), JDBC errors name hosts, and client errors may echo request text.
 */
public final class SafeFailures {

    private static final Logger LOG = Logger.getLogger(SafeFailures.class);
    public static final String UNAVAILABLE_MESSAGE = "The database is unavailable right now; retry shortly.";
    /** SQL states outside class 08 of a server going away or refusing sessions (admin shutdown, crash, starting up, too many connections). */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "57P05", "53300");
    /** Pool failures that carry no type of their own: Vert.x's acquisition timeout, Agroal's acquisition timeout and closed pool. */
    private static final Set<String> POOL_FAILURE_MESSAGES = Set.of("Timeout waiting for connection", "Sorry, acquisition timeout!",
            "Acquisition timeout while waiting for new connection", "This pool is closed and does not handle any more connections!",
            "Failed to read any response from the server, the underlying connection may have been lost unexpectedly.",
            "Pending requests failed to be sent due to connection has been closed.");
    /** Connection failures known by name only (classes of optional libraries, or internal ones). */
    private static final Set<String> UNAVAILABLE_TYPES = Set.of("io.vertx.core.http.ConnectionPoolTooBusyException",
            "io.netty.channel.unix.Errors$NativeIoException");

    private SafeFailures() {
    }

    /** The API error for a failure: the ApiException in its causes, SERVICE_UNAVAILABLE, or INTERNAL (logged). */
    public static ApiException toApi(Throwable failure) {
        ApiException api = apiCause(failure);
        if (api != null) {
            return api;
        }
        if (databaseUnreachable(failure)) {
            LOG.warnf("Database unavailable: %s", describe(failure));
            return new ServiceUnavailableException(UNAVAILABLE_MESSAGE);
        }
        if (statementTimedOut(failure)) {
            LOG.warnf("Statement timed out: %s", describe(failure));
            return new ServiceUnavailableException("The request took too long and was stopped; narrow it or retry later.");
        }
        String ref = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE).substring(0, 10);
        LOG.errorf("Internal error (ref %s): %s", ref, describe(failure));
        return new InternalException("Internal error (ref " + ref + ")");
    }

    /** The work with its failures turned into API errors by {@link #toApi}. */
    public static <T> Uni<T> guard(Uni<T> work) {
        return work.onFailure().transform(SafeFailures::toApi);
    }

    private static ApiException apiCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof ApiException api) {
                return api;
            }
        }
        return null;
    }

    /** PostgreSQL cancelled a statement that ran past statement_timeout (SQL state 57014, query_canceled). */
    public static boolean statementTimedOut(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof PgException pg && "57014".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether anything in the cause chain (or the suppressed failures of its members) says the database cannot be
     * reached: refused, reset, closed or timed-out connections, pool acquisition timeouts, SQL state class 08, and the
     * 57P shutdown states, on the reactive and the JDBC side.
     */
    public static boolean databaseUnreachable(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = next(t), depth++) {
            if (unreachable(t)) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (unreachable(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean unreachable(Throwable t) {
        if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException
                || t instanceof SocketTimeoutException || t instanceof ClosedChannelException
                || t instanceof ClosedConnectionException || t instanceof SQLTransientConnectionException
                || t instanceof SQLNonTransientConnectionException) {
            return true;
        }
        if (t instanceof SocketException) {
            return true; // connection reset, broken pipe
        }
        if (t instanceof PgException pg && unavailableState(pg.getSqlState())) {
            return true;
        }
        if (t instanceof SQLException sql && unavailableState(sql.getSQLState())) {
            return true;
        }
        String name = t.getClass().getName();
        if (UNAVAILABLE_TYPES.contains(name) || name.endsWith("PoolClosedException")) {
            return true;
        }
        return t.getMessage() != null && POOL_FAILURE_MESSAGES.contains(t.getMessage());
    }

    private static boolean unavailableState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || UNAVAILABLE_STATES.contains(sqlState));
    }

    private static Throwable next(Throwable t) {
        return t.getCause() == t ? null : t.getCause();
    }

    /** Type, SQL state, constraint and where it was thrown: never the message. */
    public static String describe(Throwable failure) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 5; t = next(t), depth++) {
            if (depth > 0) {
                out.append(" <- ");
            }
            out.append(t.getClass().getName());
            if (t instanceof PgException pg) {
                out.append("[sqlState=").append(pg.getSqlState());
                if (pg.getConstraint() != null) {
                    out.append(", constraint=").append(pg.getConstraint());
                }
                if (pg.getTable() != null) {
                    out.append(", table=").append(pg.getTable());
                }
                if (pg.getColumn() != null) {
                    out.append(", column=").append(pg.getColumn());
                }
                out.append(']');
            } else if (t instanceof SQLException sql && sql.getSQLState() != null) {
                out.append("[sqlState=").append(sql.getSQLState()).append(']');
            }
            StackTraceElement[] trace = t.getStackTrace();
            StackTraceElement where = trace.length > 0 ? trace[0] : null;
            for (StackTraceElement frame : trace) {
                if (frame.getClassName().startsWith("org.socialcrm.")) {
                    where = frame;
                    break;
                }
            }
            if (where != null) {
                out.append(" at ").append(where);
            }
        }
        return out.toString();
    }
}
