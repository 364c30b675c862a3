package org.socialcrm.field;

import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.contact.ContactMergeStep;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A merge keeps the person's field history: votes, canvass results and turf memberships of the merged-away contacts
 * move to the survivor, one statement each, before the duplicates are deleted. Households need nothing: they follow
 * the survivor's address (a generated key). Scores are not field work's: the duplicates' rows go with them, and the
 * survivor's are recomputed from its merged data by scoring's scheduler (docs/field.md).
 */
@ApplicationScoped
public class FieldWorkMerge implements ContactMergeStep {

    /** Per election the survivor's own vote wins, else the duplicates' earliest. */
    static final String MOVE_VOTES = "insert into contact_vote (contact_id, election, voted_at, source) "
            + "select distinct on (election) $1, election, voted_at, source from contact_vote where contact_id = any($2) "
            + "order by election, voted_at, contact_id on conflict do nothing";
    static final String MOVE_CANVASSES = "update canvass set contact_id = $1 where contact_id = any($2)";
    /** The survivor stays on the turfs (and doors) of the duplicates, so their field workers keep reaching the person. */
    static final String MOVE_TURF_CONTACTS = "insert into turf_contact (turf_id, contact_id, household_key) "
            + "select distinct on (turf_id) turf_id, $1, household_key from turf_contact where contact_id = any($2) "
            + "order by turf_id, contact_id on conflict do nothing";

    @Override
    public Uni<Void> takeOver(SqlConnection connection, long survivorId, long[] duplicateIds) {
        Tuple args = Tuple.of(survivorId, Arrays.stream(duplicateIds).boxed().toArray(Long[]::new));
        return connection.preparedQuery(MOVE_VOTES).execute(args)
                .chain(() -> connection.preparedQuery(MOVE_CANVASSES).execute(args))
                .chain(() -> connection.preparedQuery(MOVE_TURF_CONTACTS).execute(args))
                .replaceWithVoid();
    }
}
