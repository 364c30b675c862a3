package org.socialcrm.ops;

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
 * </ul>
 */
@Singleton
public class DatabasePoolCreator implements PgPoolCreator {

    /** The mark (an SQL comment) that asks for a cached prepared statement. */
    public static final String CACHED = "/* cached */ ";
    private static final int LONGEST_CACHED_SQL = 64 * 1024;

    private final Duration connectTimeout;

    public DatabasePoolCreator(@ConfigProperty(name = "scrm.ops.database-connect-timeout", defaultValue = "3s") Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @Override
    @SuppressWarnings("deprecation")
    public Pool create(Input input) {
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            options.setConnectTimeout((int) Math.max(1, connectTimeout.toMillis()))
                    .setCachePreparedStatements(true)
                    .setPreparedStatementCacheSqlLimit(LONGEST_CACHED_SQL)
                    .setPreparedStatementCacheSqlFilter(sql -> sql.startsWith(CACHED));
        }
        return PgPool.pool(input.vertx(), input.pgConnectOptionsList(), input.poolOptions());
    }
}
