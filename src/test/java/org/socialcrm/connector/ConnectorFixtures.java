package org.socialcrm.connector;

import org.socialcrm.common.Network;
import org.socialcrm.tenancy.TenantDirectory;
import org.socialcrm.tenancy.TenantScope;
import org.socialcrm.tenancy.TenantTransactions;

import io.vertx.mutiny.sqlclient.Tuple;

/** Test data written through SQL in a tenant schema (no dependency on the identity feature's mutations). */
public final class ConnectorFixtures {

    private ConnectorFixtures() {
    }

    public static TenantScope scope(TenantDirectory directory, String slug) {
        return new TenantScope(directory.bySlug(slug).await().indefinitely().orElseThrow());
    }

    /** A contact with one social identity; returns the identity id. */
    public static long identity(TenantTransactions transactions, TenantScope scope, Network network, String handle, String externalId) {
        return transactions.inTenant(scope, c -> c
                .preparedQuery("insert into contact (display_name, lifecycle_stage) values ($1, 'subscriber') returning id")
                .execute(Tuple.of("Creator " + handle))
                .chain(rows -> c.preparedQuery("insert into social_identity (contact_id, network, handle, handle_normalized, external_id) "
                        + "values ($1, $2, $3, $4, $5) returning id")
                        .execute(Tuple.of(rows.iterator().next().getLong("id"), network.name(), handle, handle.toLowerCase(), externalId)))
                .map(rows -> rows.iterator().next().getLong("id")))
                .await().indefinitely();
    }

    public static long count(TenantTransactions transactions, TenantScope scope, String sql, Object... params) {
        return transactions.inTenant(scope, c -> c.preparedQuery(sql).execute(Tuple.from(params))
                .map(rows -> rows.iterator().next().getLong(0))).await().indefinitely();
    }

    public static io.vertx.mutiny.sqlclient.Row row(TenantTransactions transactions, TenantScope scope, String sql, Object... params) {
        return transactions.inTenant(scope, c -> c.preparedQuery(sql).execute(Tuple.from(params))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null)).await().indefinitely();
    }

    public static String unique(String prefix) {
        return prefix + Long.toString(System.nanoTime(), 36);
    }
}
