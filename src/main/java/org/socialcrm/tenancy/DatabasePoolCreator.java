package org.socialcrm.tenancy;

import java.time.Duration;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;

/**
 * Builds the reactive pool as Quarkus would, with two additions.
 * <ul>
 * <li>A short TCP connect timeout (default 3 s instead of Vert.x's 60 s): when the database host is unreachable, a
 * request fails with SERVICE_UNAVAILABLE within seconds instead of hanging. A refused connection (database down,
 * host up) fails at once either way.</li>
 * <li>Statements that start with {@link #CACHED} are prepared once per connection and kept (named prepared
 * statements), so PostgreSQL plans them once instead of on every execution. Compiled reads use it: their plans are
 * large (half a millisecond of planning for a contacts page) and their result is always text columns, so a schema
 * change or a search_path pointing at another tenant makes PostgreSQL re-plan them, never fail them. Other
 * statements stay unnamed: a cached {@code select *} would fail ("cached plan must not change result type") once a
 * migration adds a column.</li>
 * <li>Connections start with a search_path that names no schema ({@link #NO_TENANT_PATH}): a statement that runs
 * outside a tenant transaction finds no tenant table and fails, instead of falling back to a default schema.
 * Control-plane SQL names its schema.</li>
 * </ul>
 */
@Singleton
public class DatabasePoolCreator implements PgPoolCreator {

    /** The mark (an SQL comment) that asks for a cached prepared statement. */
    public static final String CACHED = "/* cached */ ";
    /** The connections' own search_path: no such schema exists, so unqualified table names resolve nowhere. */
    public static final String NO_TENANT_PATH = "scrm_no_tenant";
    private static final int LONGEST_CACHED_SQL = 64 * 1024;

    private final Duration connectTimeout;

    public DatabasePoolCreator(@ConfigProperty(name = "scrm.ops.database-connect-timeout", defaultValue = "3s") Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @Override
    @SuppressWarnings("deprecation")
    public Pool create(Input input) {
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            configure(options, connectTimeout);
        }
        return PgPool.pool(input.vertx(), input.pgConnectOptionsList(), input.poolOptions());
    }

    /** The settings above, on one server's options. */
    public static PgConnectOptions configure(PgConnectOptions options, Duration connectTimeout) {
        return options.setConnectTimeout((int) Math.max(1, connectTimeout.toMillis()))
                .setCachePreparedStatements(true)
                .setPreparedStatementCacheSqlLimit(LONGEST_CACHED_SQL)
                .setPreparedStatementCacheSqlFilter(sql -> sql.startsWith(CACHED))
                .addProperty("search_path", NO_TENANT_PATH);
    }
}
