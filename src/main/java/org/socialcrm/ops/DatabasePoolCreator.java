package org.socialcrm.ops;

import java.time.Duration;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;

/**
 * Builds the reactive pool as Quarkus would, with a short TCP connect timeout (default 3 s instead of Vert.x's
 * 60 s): when the database host is unreachable, a request fails with SERVICE_UNAVAILABLE within seconds instead of
 * hanging. A refused connection (database down, host up) fails at once either way.
 */
@Singleton
public class DatabasePoolCreator implements PgPoolCreator {

    private final Duration connectTimeout;

    public DatabasePoolCreator(@ConfigProperty(name = "scrm.ops.database-connect-timeout", defaultValue = "3s") Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @Override
    @SuppressWarnings("deprecation")
    public Pool create(Input input) {
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            options.setConnectTimeout((int) Math.max(1, connectTimeout.toMillis()));
        }
        return PgPool.pool(input.vertx(), input.pgConnectOptionsList(), input.poolOptions());
    }
}
