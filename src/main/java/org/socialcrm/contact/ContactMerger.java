package org.socialcrm.contact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.All;

import org.socialcrm.change.ChangeLog;
import org.socialcrm.change.ChangeTypes;
import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.NotFoundException;
import org.socialcrm.graphql.Column;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Identity resolution: folds duplicate contacts into a survivor inside the caller's transaction. Identities,
 * touchpoints, conversions and lifecycle history move over; tags are united; the survivor's fields win and its
 * empty fields are filled from the most recently updated duplicate; other features move what they key by contact
 * ({@link ContactMergeStep#takeOver}); the duplicates are deleted. The contacts are locked first, by a statement of
 * their own, so the moves see every row a writer committed for a duplicate before: emails, phones, external ids and
 * lifecycle history have no foreign key to cascade (tenant migration V121), nothing may stay behind.
 */
@ApplicationScoped
public class ContactMerger {

    static final int MAX_DUPLICATES = 50;
    private final ContactRepository contacts;
    private final List<ContactMergeStep> steps;
    private final ContactPrimaries primaries;
    private final ChangeLog changes;

    public ContactMerger(ContactRepository contacts, @All List<ContactMergeStep> steps, ContactPrimaries primaries, ChangeLog changes) {
        this.contacts = contacts;
        this.changes = changes;
        this.primaries = primaries;
        this.steps = steps;
    }

    public Uni<Contact> merge(SqlConnection connection, long survivorId, long[] duplicateIds) {
        return merge(connection, survivorId, duplicateIds, List.of()).map(Merged::survivor);
    }

    /** What a merge did, for the audit log: ids and stages only, no personal data. */
    public record Merged(Contact survivor, JsonObject details) {
    }

    /**
     * As {@link #merge(SqlConnection, long, long[])}; the survivor also takes the furthest lifecycle stage of all
     * (in the order of {@code stages}), and the result tells what was merged, before and after.
     */
    public Uni<Merged> merge(SqlConnection connection, long survivorId, long[] duplicateIds, List<String> stages) {
        if (duplicateIds.length == 0 || duplicateIds.length > MAX_DUPLICATES) {
            throw new BadUserInputException("duplicateIds", "give 1 to " + MAX_DUPLICATES + " ids");
        }
        if (Arrays.stream(duplicateIds).anyMatch(id -> id == survivorId)) {
            throw new BadUserInputException("duplicateIds", "must not contain the survivor");
        }
        long[] dups = Arrays.stream(duplicateIds).distinct().toArray();
        long[] all = Arrays.copyOf(dups, dups.length + 1);
        all[dups.length] = survivorId;
        JsonObject before = new JsonObject();
        return connection.preparedQuery("select c.id, c.lifecycle_stage, (select count(*) from contact_email e where e.contact_id = c.id) as emails, "
                + "(select count(*) from contact_phone p where p.contact_id = c.id) as phones, "
                + "(select count(*) from contact_external_id x where x.contact_id = c.id) as external_ids "
                + "from contact c where c.id = any($1) order by c.id for update").execute(Tuple.of(all))
                .chain(rows -> {
                    if (rows.size() != all.length) {
                        return Uni.createFrom().failure(new NotFoundException("One or more contacts do not exist."));
                    }
                    String furthest = null;
                    for (var row : rows) {
                        String stage = row.getString("lifecycle_stage");
                        before.put(row.getLong("id").toString(), new JsonObject().put("lifecycleStage", stage)
                                .put("emails", row.getLong("emails")).put("phones", row.getLong("phones"))
                                .put("externalIds", row.getLong("external_ids")));
                        if (furthest == null || stages.indexOf(stage) > stages.indexOf(furthest)) {
                            furthest = stage;
                        }
                    }
                    String stage = stages.isEmpty() ? null : furthest;
                    Tuple moveArgs = Tuple.of(survivorId, dups);
                    return connection.preparedQuery("update social_identity set contact_id = $1, updated_at = now() where contact_id = any($2)").execute(moveArgs)
                            .chain(() -> connection.preparedQuery("update touchpoint set contact_id = $1 where contact_id = any($2)").execute(moveArgs))
                            .chain(() -> connection.preparedQuery("update conversion set contact_id = $1 where contact_id = any($2)").execute(moveArgs))
                            .chain(() -> connection.preparedQuery("update lifecycle_transition set contact_id = $1 where contact_id = any($2)").execute(moveArgs))
                            .chain(() -> connection.preparedQuery("update contact_email set contact_id = $1, is_primary = false where contact_id = any($2)").execute(moveArgs))
                            .chain(() -> connection.preparedQuery("update contact_phone set contact_id = $1, is_primary = false where contact_id = any($2)").execute(moveArgs))
                            .chain(() -> connection.preparedQuery("update contact_external_id set contact_id = $1 where contact_id = any($2)").execute(moveArgs))
                            // static segments keep the person: the survivor takes the duplicates' memberships
                            .chain(() -> connection.preparedQuery("insert into segment_member (segment_id, contact_id) select segment_id, $1 "
                                    + "from segment_member where contact_id = any($2) on conflict do nothing").execute(moveArgs))
                            .chain(() -> connection.preparedQuery(MOVE_PREFERENCES).execute(moveArgs))
                            .chain(() -> takeOver(connection, survivorId, dups))
                            .chain(() -> connection.preparedQuery(FOLD).execute(moveArgs))
                            .chain(() -> connection.preparedQuery("delete from contact where id = any($1) returning email").execute(Tuple.of(dups)))
                            .chain(deleted -> {
                                String email = null;
                                for (var row : deleted) {
                                    email = email != null ? email : row.getString("email");
                                }
                                // taken only now that the duplicates are gone, so the email stays unique
                                return connection.preparedQuery("update contact set email = $2::text where id = $1 and email is null and $2::text is not null")
                                        .execute(Tuple.of(survivorId, email));
                            })
                            .chain(() -> contacts.findById(connection, survivorId)).map(Optional::orElseThrow)
                            .call(survivor -> primaries.sync(connection, survivor))
                            .chain(() -> moveToStage(connection, survivorId, stage))
                            .chain(() -> afterMerge(connection, survivorId))
                            .chain(() -> contacts.findById(connection, survivorId)).map(Optional::orElseThrow)
                            .chain(survivor -> connection.preparedQuery("select (select count(*) from contact_email where contact_id = $1), "
                                    + "(select count(*) from contact_phone where contact_id = $1), "
                                    + "(select count(*) from contact_external_id where contact_id = $1)").execute(Tuple.of(survivorId))
                                    .map(counts -> {
                                        var row = counts.iterator().next();
                                        JsonArray merged = new JsonArray();
                                        Arrays.stream(dups).forEach(id -> merged.add(Long.toString(id)));
                                        return new Merged(survivor, new JsonObject().put("survivorId", survivor.id()).put("mergedIds", merged)
                                                .put("before", before).put("after", new JsonObject().put("lifecycleStage", survivor.lifecycleStage())
                                                        .put("emails", row.getLong(0)).put("phones", row.getLong(1)).put("externalIds", row.getLong(2))));
                                    }));
                });
    }

    /**
     * The furthest stage of the merged contacts, with its transition in the history and its lifecycle.changed change
     * in the feed when the survivor moves.
     */
    private Uni<Void> moveToStage(SqlConnection connection, long survivorId, String stage) {
        if (stage == null) {
            return Uni.createFrom().voidItem();
        }
        // old is materialized: Citus runs the writing CTE first and an inlined read after it (docs/scale-out.md, rule 11)
        return connection.preparedQuery("with old as materialized (select lifecycle_stage from contact where id = $1), "
                + "moved as (update contact set lifecycle_stage = $2 where id = $1 and lifecycle_stage <> $2 returning id) "
                + "insert into lifecycle_transition (contact_id, from_stage, to_stage, source) "
                + "select $1, (select lifecycle_stage from old), $2, 'merge' from moved returning id, from_stage, to_stage, source")
                .execute(Tuple.of(survivorId, stage))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().voidItem();
                    }
                    var moved = rows.iterator().next();
                    return changes.record(connection, ChangeTypes.LIFECYCLE_CHANGED, survivorId, new JsonObject()
                            .put("transitionId", moved.getLong("id").toString()).put("fromStage", moved.getString("from_stage"))
                            .put("toStage", moved.getString("to_stage")).put("source", moved.getString("source")).putNull("campaignId"));
                });
    }

    /** The survivor keeps its own choice per channel; channels only a duplicate had move over (an opt-out wins). */
    private static final String MOVE_PREFERENCES = """
            insert into channel_preference (contact_id, channel, status, updated_at, source, legal_basis)
            select distinct on (channel) $1, channel, status, updated_at, source, legal_basis from channel_preference
            where contact_id = any($2) order by channel, (status = 'OPTED_OUT') desc, updated_at desc
            on conflict (contact_id, channel) do update set status = 'OPTED_OUT', updated_at = excluded.updated_at,
              source = excluded.source, legal_basis = excluded.legal_basis
            where excluded.status = 'OPTED_OUT' and channel_preference.status <> 'OPTED_OUT'""";

    /**
     * Fills the survivor's empty fields, unites tags, attributes and custom fields (survivor's keys win), keeps the best
     * score: each column as its {@link Column#merge() rule} in {@link ContactTable} says.
     */
    static final String FOLD = fold(ContactTable.ALL);

    static String fold(List<Column<?>> columns) {
        List<String> aggregates = new ArrayList<>();
        List<String> assignments = new ArrayList<>();
        for (Column<?> column : columns) {
            String c = column.name();
            switch (column.merge()) {
                case KEEP -> {
                    continue;
                }
                case FILL -> {
                    aggregates.add("(array_agg(" + c + ") filter (where " + c + " is not null))[1] as " + c);
                    assignments.add(c + " = coalesce(c." + c + ", agg." + c + ")");
                }
                case UNITE -> {
                    aggregates.add("coalesce((select array_agg(distinct t) from d, unnest(d." + c + ") t), '{}') as " + c);
                    assignments.add(c + " = (select coalesce(array_agg(distinct t order by t), '{}') from unnest(c." + c + " || agg." + c + ") t)");
                }
                case UNDERLAY -> {
                    aggregates.add("coalesce((select jsonb_object_agg(k, v) from d, jsonb_each(d." + c + ") e(k, v)), '{}'::jsonb) as " + c);
                    assignments.add(c + " = agg." + c + " || c." + c);
                }
                case GREATEST -> {
                    aggregates.add("max(" + c + ") as " + c);
                    assignments.add(c + " = greatest(c." + c + ", agg." + c + ")");
                }
                case ANY -> {
                    aggregates.add("bool_or(" + c + ") as " + c);
                    assignments.add(c + " = c." + c + " or coalesce(agg." + c + ", false)");
                }
            }
        }
        return "with d as (select * from contact where id = any($2) order by updated_at desc), agg as (select "
                + String.join(", ", aggregates) + " from d) update contact c set " + String.join(", ", assignments)
                + ", display_name = case when c.first_name is null and c.last_name is null"
                + " and (agg.first_name is not null or agg.last_name is not null)"
                + " then trim(coalesce(agg.first_name, '') || ' ' || coalesce(agg.last_name, '')) else c.display_name end,"
                + " updated_at = now() from agg where c.id = $1";
    }

    private Uni<Void> takeOver(SqlConnection connection, long survivorId, long[] duplicateIds) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (ContactMergeStep step : steps) {
            done = done.chain(() -> step.takeOver(connection, survivorId, duplicateIds));
        }
        return done;
    }

    private Uni<Void> afterMerge(SqlConnection connection, long survivorId) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (ContactMergeStep step : steps) {
            done = done.chain(() -> step.afterMerge(connection, survivorId));
        }
        return done;
    }
}
