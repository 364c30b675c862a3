package org.socialcrm.contact;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Work another feature does in the transaction that created or changed contacts, after their rows and keys are
 * written (e.g. profile finds their duplicate candidates). Lets contact stay free of those features.
 */
public interface ContactWritten {

    Uni<Void> written(SqlConnection connection, long[] contactIds);
}
