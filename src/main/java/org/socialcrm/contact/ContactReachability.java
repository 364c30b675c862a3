package org.socialcrm.contact;

import org.socialcrm.common.ContactChannel;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.BadUserInputException;
import org.socialcrm.targeting.Reachability;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Consent enforced: a contact who asked never to be contacted refuses every touchpoint, and a channel the contact
 * opted out of refuses touchpoints on it. An unknown contact passes (the caller's own check answers NOT_FOUND).
 */
@ApplicationScoped
public class ContactReachability {

    public Uni<Void> require(SqlConnection connection, long contactId, ContactChannel channel, String field) {
        // the same rules as reachableBy and segmentReach (without the address, which a recorded touch need not have)
        String optedOut = channel == null ? "false" : Reachability.optedOut(channel);
        return connection.preparedQuery("select c.do_not_contact, " + optedOut + " from contact c where c.id = $1")
                .execute(Tuple.of(contactId))
                .invoke(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return;
                    }
                    Row row = rows.iterator().next();
                    if (Boolean.TRUE.equals(row.getBoolean(0))) {
                        throw new BadUserInputException(field, "the contact asked not to be contacted (doNotContact)");
                    }
                    if (Boolean.TRUE.equals(row.getBoolean(1))) {
                        throw new BadUserInputException(field, "the contact opted out of " + channel.name());
                    }
                }).replaceWithVoid();
    }
}
