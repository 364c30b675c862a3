package org.socialcrm.contact;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Work another feature does on a merge's survivor, in the merge's transaction, once the duplicates' rows have moved
 * over (e.g. identity recomputes the survivor's influence score). Lets contact stay free of those features.
 */
public interface ContactMergeStep {

    Uni<Void> afterMerge(SqlConnection connection, long survivorId);
}
