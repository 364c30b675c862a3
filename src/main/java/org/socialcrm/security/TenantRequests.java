package org.socialcrm.security;

import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.RetryableConflict;
import org.socialcrm.common.SafeFailures;
import org.socialcrm.tenancy.TenantScope;
import org.socialcrm.tenancy.TenantTransactions;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * How API code runs tenant work: resolve and authorize the request's tenant, then run the work in that tenant's
 * transaction. Failures the caller should not see become INTERNAL.
 */
@ApplicationScoped
public class TenantRequests {

    /** Runs again of a mutation whose transaction lost a race ({@link RetryableConflict#in}), each in a new transaction. */
    static final int CONFLICT_RETRIES = 3;

    private final TenantAccess access;
    private final TenantTransactions transactions;
    private final AuditTrail audit;

    public TenantRequests(TenantAccess access, TenantTransactions transactions, AuditTrail audit) {
        this.access = access;
        this.transactions = transactions;
        this.audit = audit;
    }

    /**
     * A mutation: the work and its audit event commit together or not at all. {@code target} names the id the
     * mutation acted on (from its result); the audit event carries no personal data.
     */
    public <T> Uni<T> mutate(Permission permission, String action, BiFunction<TenantScope, SqlConnection, Uni<T>> work,
            Function<T, String> target) {
        return guard(access.resolve(permission).chain(scope -> {
            String actor = access.caller().subject();
            return transactions.inTenant(scope, connection -> work.apply(scope, connection)
                    .call(result -> audit.record(connection, actor, action, target.apply(result), null)))
                    .onFailure(RetryableConflict::in).retry().atMost(CONFLICT_RETRIES);
        }));
    }

    /** Unexpected failures become SERVICE_UNAVAILABLE (database unreachable) or INTERNAL, logged without messages. */
    private static <T> Uni<T> guard(Uni<T> work) {
        return SafeFailures.guard(work);
    }

    public <T> Uni<T> run(Permission permission, Function<SqlConnection, Uni<T>> work) {
        return guard(access.resolve(permission).chain(scope -> transactions.inTenant(scope, work)));
    }

    /** As {@link #run}, for work that also needs the tenant itself (its lifecycle stages, its slug). */
    public <T> Uni<T> run(Permission permission, BiFunction<TenantScope, SqlConnection, Uni<T>> work) {
        return guard(access.resolve(permission)
                .chain(scope -> transactions.inTenant(scope, connection -> work.apply(scope, connection))));
    }

    /** As {@link #run}, for reports whose statements may run longer ({@link TenantTransactions#report}). */
    public <T> Uni<T> report(Permission permission, BiFunction<TenantScope, SqlConnection, Uni<T>> work) {
        return guard(access.resolve(permission)
                .chain(scope -> transactions.report(scope, connection -> work.apply(scope, connection))));
    }

    /**
     * Work for a subscription's event, on whatever thread serves it: authorized again for the subscriber (token
     * expiry, tenant status) and run in the subscriber's tenant, never in a tenant taken from a current request.
     */
    public <T> Uni<T> runAs(Subscriber subscriber, Function<SqlConnection, Uni<T>> work) {
        return guard(access.recheck(subscriber).chain(scope -> transactions.inTenant(scope, work)));
    }

    /**
     * Work for a nested field: for the subscriber of the event it belongs to when there is one ({@link #runAs}), else
     * for the current request ({@link #run}).
     */
    public <T> Uni<T> runFor(Subscriber subscriber, Permission permission, Function<SqlConnection, Uni<T>> work) {
        return subscriber != null ? runAs(subscriber, work) : run(permission, work);
    }

    /** The subject of the caller of this request (the actor of change and audit rows). */
    public String actor() {
        return access.caller().subject();
    }

    /**
     * One read-only statement for the request's tenant, its whole transaction in one round trip
     * ({@link TenantTransactions#readInTenant}); null, and nothing run, when {@code admits} refuses the tenant.
     */
    public Uni<RowSet<Row>> read(Permission permission, Predicate<TenantScope> admits, String sql, Tuple params) {
        return guard(access.resolve(permission).chain(scope -> admits.test(scope) ? transactions.readInTenant(scope, sql, params)
                : Uni.createFrom().nullItem()));
    }
}
