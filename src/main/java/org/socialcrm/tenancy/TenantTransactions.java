package org.socialcrm.tenancy;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one place that applies a tenant's schema: each unit of tenant work runs in a transaction whose first
 * statement sets a transaction-local search_path, so a pooled connection never carries one tenant's path into
 * another's work. Nothing else touches search_path.
 */
@ApplicationScoped
public class TenantTransactions {

    private static final String SET_PATH = "select set_config('search_path', $1, true)";
    private final Pool pool;

    public TenantTransactions(Pool pool) {
        this.pool = pool;
    }

    public <T> Uni<T> inTenant(TenantScope scope, Function<SqlConnection, Uni<T>> work) {
        if (scope == null) {
            return Uni.createFrom().failure(new IllegalStateException("Tenant work attempted without a resolved tenant"));
        }
        return pool.withTransaction(connection -> connection.preparedQuery(SET_PATH)
                .execute(Tuple.of(scope.schema()))
                .chain(() -> work.apply(connection)));
    }
}
