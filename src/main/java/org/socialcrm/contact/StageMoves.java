package org.socialcrm.contact;

import org.socialcrm.tenancy.TenantScope;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Moves a contact to another lifecycle stage with its history and change row, in the caller's transaction
 * (implemented by {@code lifecycle.LifecycleHistory}; updateContact uses it, so contact does not depend on lifecycle).
 */
public interface StageMoves {

    Uni<?> move(SqlConnection connection, TenantScope scope, long contactId, String stage, Long campaignId, String note,
            String source);
}
