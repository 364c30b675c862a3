package org.socialcrm.ops;

import java.net.ConnectException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.jboss.logging.Logger;
import org.socialcrm.common.ApiException;
import org.socialcrm.common.InternalException;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Turns unexpected failures of tenant work into API errors without leaking anything: a database that cannot be
 * reached, or a statement that ran past its statement_timeout, becomes SERVICE_UNAVAILABLE; anything else becomes INTERNAL with a reference, and the log line names the
 * exception type, SQL state, constraint and code location only. Exception messages are never logged, since
 * database errors quote row values (emails, names) and client errors may echo request headers.
 */
public final class SafeFailures {

    private static final Logger LOG = Logger.getLogger(SafeFailures.class);
    /** SQL states of a server going away or not accepting connections. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private SafeFailures() {
    }

    public static Throwable toApi(Throwable failure) {
        Throwable api = apiCause(failure);
        if (api != null) {
            return api;
        }
        if (databaseUnreachable(failure)) {
            LOG.warnf("Database unavailable: %s", describe(failure));
            return new ServiceUnavailableException("The database is unavailable right now; retry shortly.");
        }
        if (statementTimedOut(failure)) {
            LOG.warnf("Statement timed out: %s", describe(failure));
            return new ServiceUnavailableException("The request took too long and was stopped; narrow it or retry later.");
        }
        String ref = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE).substring(0, 10);
        LOG.errorf("Internal error (ref %s): %s", ref, describe(failure));
        return new InternalException("Internal error (ref " + ref + ")");
    }

    private static Throwable apiCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiException) {
                return t;
            }
        }
        return null;
    }

    public static boolean databaseUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof ClosedConnectionException
                    || t instanceof io.netty.channel.ConnectTimeoutException) {
                return true;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || UNAVAILABLE_STATES.contains(pg.getSqlState()))) {
                return true;
            }
            String name = t.getClass().getName();
            if (name.endsWith("ConnectionPoolTooBusyException") || name.endsWith("PoolClosedException")) {
                return true;
            }
        }
        return false;
    }

    /** PostgreSQL cancelled a statement that ran past statement_timeout (SQL state 57014, query_canceled). */
    public static boolean statementTimedOut(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && "57014".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    /** Type, SQL state, constraint and where it was thrown: never the message. */
    static String describe(Throwable failure) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 5; t = t.getCause() == t ? null : t.getCause(), depth++) {
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
            }
            StackTraceElement[] trace = t.getStackTrace();
            for (StackTraceElement frame : trace) {
                if (frame.getClassName().startsWith("org.socialcrm.")) {
                    out.append(" at ").append(frame);
                    break;
                }
            }
            if (trace.length > 0 && out.indexOf(" at ") < 0) {
                out.append(" at ").append(trace[0]);
            }
        }
        return out.toString();
    }
}
