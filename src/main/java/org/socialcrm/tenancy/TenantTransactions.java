package org.socialcrm.tenancy;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one place that applies a tenant's schema: each unit of tenant work runs in a transaction whose first
 * statement sets a transaction-local search_path, so a pooled connection never carries one tenant's path into
 * another's work. Nothing else touches search_path. The same statement bounds how long each statement of the work
 * may run (a transaction-local statement_timeout), at no extra round trip.
 * <p>
 * BEGIN, the search_path and the work's first statement are written to the connection together (pipelined), so a
 * transaction costs one round trip to PostgreSQL less per statement it does not wait for. Should BEGIN or the
 * search_path fail, the work's statements fail too: they run in an aborted transaction, or outside any with the
 * connections' own search_path, which names no schema ({@link DatabasePoolCreator#NO_TENANT_PATH}), and the
 * transaction's own failure is the one reported.
 */
@ApplicationScoped
public class TenantTransactions {

    /** Prepared once per connection (its result is always two text columns). */
    private static final String SET_PATH = DatabasePoolCreator.CACHED
            + "select set_config('search_path', $1, true), set_config('statement_timeout', $2, true)";
    private final Pool pool;
    /** statement_timeout values, in milliseconds as PostgreSQL reads them. */
    private final String statementTimeout;
    private final String reportStatementTimeout;

    @Inject
    public TenantTransactions(Pool pool, TenancyConfig config) {
        this(pool, config.statementTimeout(), config.reportStatementTimeout());
    }

    public TenantTransactions(Pool pool, Duration statementTimeout, Duration reportStatementTimeout) {
        this.pool = pool;
        this.statementTimeout = Long.toString(statementTimeout.toMillis());
        this.reportStatementTimeout = Long.toString(reportStatementTimeout.toMillis());
    }

    public <T> Uni<T> inTenant(TenantScope scope, Function<SqlConnection, Uni<T>> work) {
        return inTenant(scope, statementTimeout, work);
    }

    /** As {@link #inTenant}, for reports whose statements may run longer ({@code scrm.tenancy.report-statement-timeout}). */
    public <T> Uni<T> report(TenantScope scope, Function<SqlConnection, Uni<T>> work) {
        return inTenant(scope, reportStatementTimeout, work);
    }

    private <T> Uni<T> inTenant(TenantScope scope, String timeout, Function<SqlConnection, Uni<T>> work) {
        if (scope == null) {
            return noTenant();
        }
        return pool.withConnection(connection -> {
            CompletableFuture<Transaction> begun = connection.begin().subscribeAsCompletionStage();
            CompletableFuture<RowSet<Row>> path = setPath(connection, scope, timeout);
            // deferred: work that throws instead of failing its Uni still ends the transaction and frees the connection
            Uni<T> worked = Uni.createFrom().deferred(() -> work.apply(connection));
            return worked.onItemOrFailure().transformToUni((result, failure) -> opened(begun, path)
                    .onItemOrFailure().transformToUni((ignored, openFailure) -> {
                        Transaction transaction = connection.transaction();
                        if (openFailure == null && failure == null) {
                            return transaction.commit().replaceWith(result);
                        }
                        Uni<Void> rollback = transaction == null ? Uni.createFrom().voidItem()
                                : transaction.rollback().onFailure().recoverWithNull();
                        return rollback.chain(() -> Uni.createFrom().failure(openFailure != null ? openFailure : failure));
                    }));
        });
    }

    /**
     * One read-only statement in the tenant's schema, with BEGIN, the search_path and COMMIT written together: one
     * round trip for the whole transaction. A failing statement aborts the transaction and COMMIT then ends it as a
     * rollback, so the connection goes back to the pool outside any transaction whatever happened.
     */
    public Uni<RowSet<Row>> readInTenant(TenantScope scope, String sql, Tuple params) {
        if (scope == null) {
            return noTenant();
        }
        return pool.withConnection(connection -> {
            CompletableFuture<RowSet<Row>> begun = connection.query("BEGIN").execute().subscribeAsCompletionStage();
            CompletableFuture<RowSet<Row>> path = setPath(connection, scope, statementTimeout);
            CompletableFuture<RowSet<Row>> rows = connection.preparedQuery(sql).execute(params).subscribeAsCompletionStage();
            CompletableFuture<RowSet<Row>> ended = connection.query("COMMIT").execute().subscribeAsCompletionStage();
            return Uni.createFrom().completionStage(CompletableFuture.allOf(begun, path, rows, ended)).onItemOrFailure()
                    .transformToUni((ignored, failure) -> failure == null ? Uni.createFrom().item(rows.join())
                            : Uni.createFrom().failure(firstFailure(begun, path, rows, ended)));
        });
    }

    private static CompletableFuture<RowSet<Row>> setPath(SqlConnection connection, TenantScope scope, String timeout) {
        return connection.preparedQuery(SET_PATH).execute(Tuple.of(scope.schema(), timeout)).subscribeAsCompletionStage();
    }

    private static Uni<Void> opened(CompletableFuture<?> begun, CompletableFuture<?> path) {
        return Uni.createFrom().completionStage(CompletableFuture.allOf(begun, path))
                .onFailure().transform(failure -> firstFailure(begun, path)).replaceWithVoid();
    }

    /** The failure of the earliest statement that failed: the later ones failed because of it. */
    private static Throwable firstFailure(CompletableFuture<?>... statements) {
        for (CompletableFuture<?> statement : statements) {
            if (statement.isCompletedExceptionally()) {
                try {
                    statement.join();
                } catch (CompletionException e) {
                    return e.getCause() == null ? e : e.getCause();
                } catch (CancellationException e) {
                    return e;
                }
            }
        }
        return new IllegalStateException("no statement failed");
    }

    private static <T> Uni<T> noTenant() {
        return Uni.createFrom().failure(new IllegalStateException("Tenant work attempted without a resolved tenant"));
    }
}
