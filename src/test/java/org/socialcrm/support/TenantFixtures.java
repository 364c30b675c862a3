package org.socialcrm.support;

import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.tenancy.TenantDirectory;
import org.socialcrm.tenancy.TenantScope;
import org.socialcrm.tenancy.TenantTransactions;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Isolated fresh tenants (see {@link TestTenants}) and direct SQL in a tenant's schema for hand-built data. */
@ApplicationScoped
public class TenantFixtures {

    private final TenantDirectory directory;
    private final TenantTransactions transactions;

    public TenantFixtures(TenantDirectory directory, TenantTransactions transactions) {
        this.directory = directory;
        this.transactions = transactions;
    }

    /**
     * As {@link TestTenants#create}, with the identity sequences of the new schema moved far up, so that its ids never name a
     * row of another tenant by accident (cross-tenant tests then prove isolation, not luck).
     */
    public String createIsolated(String prefix, List<String> stages) {
        String slug = TestTenants.create(prefix, stages);
        long start = 1_000_000_000L + (System.nanoTime() % 1_000_000L) * 1000;
        for (String table : List.of("contact", "social_identity", "lifecycle_transition", "campaign")) {
            restartIds(slug, table, start);
        }
        return slug;
    }

    /**
     * The next id of {@code table} will be {@code start}. Through setval, not {@code alter column id restart}: Citus
     * refuses that ALTER on distributed tables, and inserts through the coordinator take their ids from the
     * coordinator's sequence, which setval moves.
     */
    public void restartIds(String slug, String table, long start) {
        sql(slug, "select setval(pg_get_serial_sequence('" + table + "', 'id'), " + start + ", false)");
    }

    /** Runs work in the tenant's transaction (search_path set), as the application would. */
    public <T> T inTenant(String slug, Function<SqlConnection, Uni<T>> work) {
        return directory.bySlug(slug).map(found -> new TenantScope(found.orElseThrow()))
                .chain(scope -> transactions.inTenant(scope, work)).await().indefinitely();
    }

    /** As {@link #inTenant}, without waiting: the transaction stays open until {@code work} completes. */
    public <T> java.util.concurrent.CompletableFuture<T> inTenantAsync(String slug, Function<SqlConnection, Uni<T>> work) {
        return directory.bySlug(slug).map(found -> new TenantScope(found.orElseThrow()))
                .chain(scope -> transactions.inTenant(scope, work)).subscribeAsCompletionStage();
    }

    public void sql(String slug, String statement) {
        inTenant(slug, connection -> connection.query(statement).execute().replaceWithVoid());
    }
}
