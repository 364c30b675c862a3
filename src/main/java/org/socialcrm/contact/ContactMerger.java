package org.socialcrm.contact;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.NotFoundException;
import org.socialcrm.identity.InfluenceScores;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Identity resolution: folds duplicate contacts into a survivor inside the caller's transaction. Identities,
 * touchpoints, conversions and lifecycle history move over; tags are united; the survivor's fields win and its
 * empty fields are filled from the most recently updated duplicate; the duplicates are deleted.
 */
@ApplicationScoped
public class ContactMerger {

    static final int MAX_DUPLICATES = 50;
    private final ContactRepository contacts;
    private final InfluenceScores scores;
    private final ContactPrimaries primaries;

    public ContactMerger(ContactRepository contacts, InfluenceScores scores, ContactPrimaries primaries) {
        this.contacts = contacts;
        this.primaries = primaries;
        this.scores = scores;
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
                            .chain(() -> scores.refreshContacts(connection, new long[] { survivorId }))
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

    /** The furthest stage of the merged contacts, with its transition in the history when the survivor moves. */
    private static Uni<Void> moveToStage(SqlConnection connection, long survivorId, String stage) {
        if (stage == null) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("with old as (select lifecycle_stage from contact where id = $1), "
                + "moved as (update contact set lifecycle_stage = $2 where id = $1 and lifecycle_stage <> $2 returning id) "
                + "insert into lifecycle_transition (contact_id, from_stage, to_stage, source) "
                + "select $1, (select lifecycle_stage from old), $2, 'merge' from moved")
                .execute(Tuple.of(survivorId, stage)).replaceWithVoid();
    }

    /** The survivor keeps its own choice per channel; channels only a duplicate had move over (an opt-out wins). */
    private static final String MOVE_PREFERENCES = """
            insert into channel_preference (contact_id, channel, status, updated_at, source, legal_basis)
            select distinct on (channel) $1, channel, status, updated_at, source, legal_basis from channel_preference
            where contact_id = any($2) order by channel, (status = 'OPTED_OUT') desc, updated_at desc
            on conflict (contact_id, channel) do update set status = 'OPTED_OUT', updated_at = excluded.updated_at,
              source = excluded.source, legal_basis = excluded.legal_basis
            where excluded.status = 'OPTED_OUT' and channel_preference.status <> 'OPTED_OUT'""";

    /** Fills the survivor's empty fields, unites tags and attributes (survivor's keys win), keeps the best score. */
    private static final String FOLD = """
            with d as (
              select * from contact where id = any($2) order by updated_at desc
            ), agg as (
              select (array_agg(first_name) filter (where first_name is not null))[1] as first_name,
                     (array_agg(last_name) filter (where last_name is not null))[1] as last_name,
                     (array_agg(phone) filter (where phone is not null))[1] as phone,
                     (array_agg(city) filter (where city is not null))[1] as city,
                     (array_agg(region) filter (where region is not null))[1] as region,
                     (array_agg(country) filter (where country is not null))[1] as country,
                     (array_agg(postal_code) filter (where postal_code is not null))[1] as postal_code,
                     coalesce((select array_agg(distinct t) from d, unnest(d.tags) t), '{}') as tags,
                     coalesce((select jsonb_object_agg(k, v) from d, jsonb_each(d.attributes) e(k, v)), '{}'::jsonb) as attributes,
                     max(influence_score) as influence_score,
                     bool_or(do_not_contact) as do_not_contact,
                     coalesce((select jsonb_object_agg(k, v) from d, jsonb_each(d.custom_fields) e(k, v)), '{}'::jsonb) as custom_fields,
                     (array_agg(language) filter (where language is not null))[1] as language,
                     (array_agg(preferred_channel) filter (where preferred_channel is not null))[1] as preferred_channel,
                     (array_agg(support_level) filter (where support_level is not null))[1] as support_level
              from d
            )
            update contact c set
              first_name = coalesce(c.first_name, agg.first_name),
              last_name = coalesce(c.last_name, agg.last_name),
              phone = coalesce(c.phone, agg.phone),
              city = coalesce(c.city, agg.city),
              region = coalesce(c.region, agg.region),
              country = coalesce(c.country, agg.country),
              postal_code = coalesce(c.postal_code, agg.postal_code),
              tags = (select coalesce(array_agg(distinct t order by t), '{}') from unnest(c.tags || agg.tags) t),
              attributes = agg.attributes || c.attributes,
              influence_score = greatest(c.influence_score, agg.influence_score),
              do_not_contact = c.do_not_contact or coalesce(agg.do_not_contact, false),
              custom_fields = agg.custom_fields || c.custom_fields,
              language = coalesce(c.language, agg.language),
              preferred_channel = coalesce(c.preferred_channel, agg.preferred_channel),
              support_level = coalesce(c.support_level, agg.support_level),
              display_name = case when c.first_name is null and c.last_name is null
                                  and (agg.first_name is not null or agg.last_name is not null)
                                  then trim(coalesce(agg.first_name, '') || ' ' || coalesce(agg.last_name, ''))
                                  else c.display_name end,
              updated_at = now()
            from agg where c.id = $1""";
}
