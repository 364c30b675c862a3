package org.socialcrm.contact;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Work another feature does in a merge's transaction. Lets contact stay free of those features. Both steps have a
 * default that does nothing, so a feature implements only what it needs.
 */
public interface ContactMergeStep {

    /**
     * Before the duplicates are deleted (their rows of contact's own tables have moved over by then): the feature moves
     * what it keys by contact to the survivor, set-based, or it is lost with the duplicates (foreign keys cascade).
     */
    default Uni<Void> takeOver(SqlConnection connection, long survivorId, long[] duplicateIds) {
        return Uni.createFrom().voidItem();
    }

    /** After the merge, on the survivor (e.g. identity recomputes the survivor's influence score). */
    default Uni<Void> afterMerge(SqlConnection connection, long survivorId) {
        return Uni.createFrom().voidItem();
    }
}
