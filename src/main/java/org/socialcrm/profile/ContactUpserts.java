package org.socialcrm.profile;

import static org.socialcrm.tenancy.DatabasePoolCreator.CACHED;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.change.ChangeLog;
import org.socialcrm.change.ChangeTypes;
import org.socialcrm.common.ApiException;
import org.socialcrm.common.ContactChannel;
import org.socialcrm.identity.Handles;
import org.socialcrm.identity.SocialIdentityInput;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Creates or updates contacts in bulk inside the caller's transaction (design.md §8), set-based: rows are matched by
 * one join of their normalised keys against the unique indexes, the matched contacts are locked and read in one
 * statement, and new and changed contacts, their keys, identities, stage moves and duplicate candidates are written
 * with one statement each. Rows that share a key (or a matched contact) with an earlier row of the same batch wait
 * for the next round, so they see what the earlier row wrote.
 */
@ApplicationScoped
public class ContactUpserts {

    public static final int MAX_ROWS = 1_000;
    static final String BLOCKED = "the row carries an identifier of an erased person (blocked by erasure)";

    private final CustomFields customFields;
    private final ChannelPreferences preferences;
    private final ChangeLog changes;
    private final DuplicatePairs duplicatePairs;

    public ContactUpserts(CustomFields customFields, ChannelPreferences preferences, ChangeLog changes, DuplicatePairs duplicatePairs) {
        this.changes = changes;
        this.duplicatePairs = duplicatePairs;
        this.customFields = customFields;
        this.preferences = preferences;
    }

    /** Outcomes in the order of {@code indexes}; {@code source} goes into the lifecycle history ("upsert", "import"). */
    public Uni<List<UpsertOutcome>> apply(SqlConnection connection, List<String> stages, String actor, List<Integer> indexes,
            List<ContactUpsertInput> inputs, List<MatchKey> matchOn, String source) {
        List<MatchKey> precedence = matchOn == null || matchOn.isEmpty() ? List.of(MatchKey.values()) : matchOn.stream().distinct().toList();
        return customFields.definitions(connection).chain(definitions -> {
            Map<Integer, UpsertOutcome> outcomes = new HashMap<>();
            List<UpsertRow> rows = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                try {
                    rows.add(UpsertRow.prepare(indexes.get(i), inputs.get(i), stages, definitions));
                } catch (ApiException e) {
                    outcomes.put(indexes.get(i), UpsertOutcome.rejected(indexes.get(i), e.getMessage()));
                }
            }
            return blocked(connection, rows).chain(blocked -> {
                List<UpsertRow> admitted = new ArrayList<>();
                for (UpsertRow row : rows) {
                    if (row.keys().stream().anyMatch(k -> blocked.contains(k.id()))) {
                        outcomes.put(row.index(), UpsertOutcome.rejected(row.index(), BLOCKED));
                    } else {
                        admitted.add(row);
                    }
                }
                return rounds(connection, stages, actor, admitted, precedence, source, outcomes);
            }).map(done -> indexes.stream().map(outcomes::get).toList());
        }).onFailure(ContactUpserts::lostRace).transform(e -> new KeyTakenConcurrently("contact"));
    }

    /**
     * A unique index refused a key this transaction's match did not find: another transaction wrote it since (the
     * e-mail of a new contact, say, committed by an import beside this upsert), so running again matches it. Citus
     * re-raises a worker's unique violation as XX000 with PostgreSQL's message (docs/scale-out.md rule 15).
     */
    private static boolean lostRace(Throwable failure) {
        return failure instanceof PgException pg && ("23505".equals(pg.getSqlState())
                || "XX000".equals(pg.getSqlState()) && pg.getErrorMessage() != null
                        && pg.getErrorMessage().startsWith("duplicate key value violates unique constraint"));
    }

    private Uni<Void> rounds(SqlConnection connection, List<String> stages, String actor, List<UpsertRow> rows,
            List<MatchKey> precedence, String source, Map<Integer, UpsertOutcome> outcomes) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<String> claimed = new HashSet<>();
        List<UpsertRow> now = new ArrayList<>();
        List<UpsertRow> later = new ArrayList<>();
        for (UpsertRow row : rows) {
            if (row.keys().stream().anyMatch(k -> claimed.contains(k.id()))) {
                later.add(row);
            } else {
                row.keys().forEach(k -> claimed.add(k.id()));
                now.add(row);
            }
        }
        return round(connection, stages, actor, now, precedence, source, outcomes).chain(deferred -> {
            later.addAll(0, deferred);
            later.sort((a, b) -> Integer.compare(a.index(), b.index()));
            return rounds(connection, stages, actor, later, precedence, source, outcomes);
        });
    }

    /** Keys on the erasure blocklist (salted hashes), one statement. */
    private Uni<Set<String>> blocked(SqlConnection connection, List<UpsertRow> rows) {
        String[] keys = rows.stream().flatMap(r -> r.keys().stream()).map(UpsertRow.Key::id).distinct().toArray(String[]::new);
        if (keys.length == 0) {
            return Uni.createFrom().item(Set.of());
        }
        // the first exists is a one-time filter: no hashing at all while nobody was erased
        return connection.preparedQuery(CACHED + "select k from unnest($1::text[]) k where exists (select 1 from erasure_block) "
                + "and exists (select 1 from erasure_block b "
                + "where b.hash = encode(sha256(convert_to((select value from tenant_secret where name = 'erasure_salt') || k, 'UTF8')), 'hex'))")
                .execute(Tuple.of(keys)).map(found -> {
                    Set<String> set = new HashSet<>();
                    found.forEach(r -> set.add(r.getString(0)));
                    return set;
                });
    }

    private static final String MATCH = """
            with k as (select * from unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[]) k(row, ord, kind, a, b))
            select k.row, k.ord, k.kind, x.contact_id from k join contact_external_id x on k.kind = 'EXTERNAL_ID' and x.system = k.a and x.value = k.b
            union all select k.row, k.ord, k.kind, x.contact_id from k join contact_email x on k.kind = 'EMAIL' and x.address_norm = k.a
            union all select k.row, k.ord, k.kind, x.contact_id from k join contact_phone x on k.kind = 'PHONE' and x.e164 = k.a
            union all select k.row, k.ord, k.kind, x.contact_id from k join social_identity x on k.kind = 'SOCIAL_HANDLE' and x.network = k.a and x.handle_normalized = k.b
            order by 1, 2""";

    /** One round; returns the rows that must wait for the next one (their matched contact was taken this round). */
    private Uni<List<UpsertRow>> round(SqlConnection connection, List<String> stages, String actor, List<UpsertRow> rows,
            List<MatchKey> precedence, String source, Map<Integer, UpsertOutcome> outcomes) {
        List<Integer> rowNo = new ArrayList<>();
        List<Integer> ord = new ArrayList<>();
        List<String> kind = new ArrayList<>();
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            List<UpsertRow.Key> keys = rows.get(r).keys();
            for (int k = 0; k < keys.size(); k++) {
                rowNo.add(r);
                ord.add(k);
                kind.add(keys.get(k).kind().name());
                a.add(keys.get(k).a());
                b.add(keys.get(k).b());
            }
        }
        Tuple args = Tuple.of(rowNo.toArray(Integer[]::new), ord.toArray(Integer[]::new), kind.toArray(String[]::new),
                a.toArray(String[]::new), b.toArray(String[]::new));
        return connection.preparedQuery(CACHED + MATCH).execute(args).chain(found -> {
            // per row: key ordinal -> owning contact
            List<Map<Integer, Long>> owners = new ArrayList<>();
            rows.forEach(r -> owners.add(new LinkedHashMap<>()));
            for (Row m : found) {
                owners.get(m.getInteger("row")).put(m.getInteger("ord"), m.getLong("contact_id"));
            }
            List<Plan> plans = new ArrayList<>();
            List<UpsertRow> deferred = new ArrayList<>();
            Set<Long> targets = new HashSet<>();
            for (int r = 0; r < rows.size(); r++) {
                Plan plan = Plan.of(rows.get(r), owners.get(r), precedence);
                if (plan.target != null && !targets.add(plan.target)) {
                    deferred.add(rows.get(r));
                } else {
                    plans.add(plan);
                }
            }
            return load(connection, targets).chain(current -> write(connection, stages, actor, plans, current, source, outcomes))
                    .replaceWith(deferred);
        });
    }

    /**
     * Locks and reads the matched contacts. One the match found but the lock did not was deleted (erased, merged) by a
     * transaction that committed since: nothing may be written for it (its keys and history have no foreign key, tenant
     * migration V121), so the batch is refused and run again, when the match no longer finds it.
     */
    private Uni<Map<Long, ContactState>> load(SqlConnection connection, Set<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return connection.preparedQuery("select * from contact where id = any($1) order by id for update")
                .execute(Tuple.of(ids.toArray(Long[]::new))).map(rows -> {
                    if (rows.size() < ids.size()) {
                        throw new MatchedContactGone();
                    }
                    Map<Long, ContactState> map = new HashMap<>();
                    rows.forEach(r -> map.put(r.getLong("id"), ContactState.of(r)));
                    return map;
                });
    }

    private Uni<Void> write(SqlConnection connection, List<String> stages, String actor, List<Plan> plans,
            Map<Long, ContactState> current, String source, Map<Integer, UpsertOutcome> outcomes) {
        long creates = plans.stream().filter(p -> p.target == null).count();
        Uni<List<Long>> ids = creates == 0 ? Uni.createFrom().item(List.of())
                // the sequence's name in a sub-select: looked up once per statement, not once per id
                : connection.preparedQuery(CACHED + "select nextval((select pg_get_serial_sequence('contact', 'id'))::regclass) from generate_series(1, $1)")
                        .execute(Tuple.of((int) creates)).map(rows -> {
                            List<Long> list = new ArrayList<>();
                            rows.forEach(r -> list.add(r.getLong(0)));
                            return list;
                        });
        return ids.chain(newIds -> {
            Writes writes = new Writes();
            int next = 0;
            for (Plan plan : plans) {
                UpsertRow row = plan.row;
                boolean created = plan.target == null;
                long id = created ? newIds.get(next++) : plan.target;
                ContactState before = created ? null : current.get(id);
                ContactState after = ProfileMerge.apply(row, before, plan, stages);
                boolean keysAdded = writes.keys(id, plan, after);
                boolean changed = created || !after.sameAs(before);
                if (created) {
                    writes.insert(id, after);
                    writes.transition(id, null, after.stage);
                    writes.created.add(id);
                } else if (changed) {
                    writes.update(id, after);
                    if (!after.stage.equals(before.stage)) {
                        writes.transition(id, before.stage, after.stage);
                    }
                }
                for (ChannelPreferenceInput p : row.input().channelPreferences() == null ? List.<ChannelPreferenceInput> of()
                        : row.input().channelPreferences()) {
                    writes.preferenceIds.add(id);
                    writes.preferences.add(p);
                }
                if (created || changed && !after.samePairKeys(before)) {
                    writes.pairKeysChanged.add(id);
                }
                plan.others.forEach(other -> writes.candidate(id, other, plan.ambiguousOn));
                if (!created && (changed || keysAdded)) {
                    writes.updated.add(id);
                }
                UpsertOutcomeKind kind = !plan.others.isEmpty() ? UpsertOutcomeKind.AMBIGUOUS
                        : created ? UpsertOutcomeKind.CREATED : changed || keysAdded ? UpsertOutcomeKind.UPDATED : UpsertOutcomeKind.UNCHANGED;
                outcomes.put(row.index(), new UpsertOutcome(row.index(), Long.toString(id), kind, plan.matchedOn,
                        plan.others.isEmpty() ? null : "also matches " + plan.others.size() + " other contact(s) by "
                                + plan.ambiguousOn.toLowerCase(java.util.Locale.ROOT) + "; recorded as a duplicate candidate"));
            }
            return writes.flush(connection)
                    .chain(() -> changes.recordSame(connection, ChangeTypes.CONTACT_CREATED, ids(writes.created),
                            new JsonObject().put("source", source)))
                    .chain(() -> changes.recordSame(connection, ChangeTypes.CONTACT_UPDATED, ids(writes.updated),
                            new JsonObject().put("source", source)))
                    .chain(() -> preferences.write(connection, actor, writes.preferenceIds.stream().mapToLong(Long::longValue).toArray(),
                            writes.preferences))
                    .chain(() -> lifecycle(connection, writes, source))
                    // last: an API upsert locks the tenant's pair refreshes until commit; an import only marks (DuplicateDrain)
                    .chain(() -> duplicatePairs.upserted(connection, source, writes.pairKeysChanged, writes.candidateA, writes.candidateB));
        });
    }

    /** The stage moves and their lifecycle.changed changes, in one statement (the change data built from the rows). */
    private Uni<Void> lifecycle(SqlConnection connection, Writes writes, String source) {
        if (writes.moved.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return changes.recordWith(connection, ChangeTypes.LIFECYCLE_CHANGED, TRANSITIONS, TRANSITION_DATA,
                Tuple.of(writes.moved.toArray(Long[]::new), writes.movedFrom.toArray(String[]::new), writes.movedTo.toArray(String[]::new), source));
    }

    private static final String TRANSITIONS = "insert into lifecycle_transition (contact_id, from_stage, to_stage, source) "
            + "select c, f, t, $4 from unnest($1::bigint[], $2::text[], $3::text[]) u(c, f, t) "
            + "returning id as position, contact_id as subject_id, from_stage, to_stage, source";

    private static final String TRANSITION_DATA = "jsonb_build_object('transitionId', written.position::text, "
            + "'fromStage', written.from_stage, 'toStage', written.to_stage, 'source', written.source)";

    private static long[] ids(List<Long> ids) {
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    /** How one row is matched: the contact it updates (null: a new one) and the other contacts its keys point to. */
    static final class Plan {
        UpsertRow row;
        Long target;
        MatchKey matchedOn;
        /** Sorted; most rows have none (a set is made for the first). */
        Set<Long> others = Set.of();
        String ambiguousOn;
        /** Key ordinals (bits; at most UpsertRow.MAX_KEYS keys) owned by another contact: not attached to the target. */
        int foreignKeys;
        /** Key ordinals (bits) already on the target. */
        int ownKeys;

        boolean foreign(int ordinal) {
            return (foreignKeys & 1 << ordinal) != 0;
        }

        /** Neither on the target nor on another contact: written with it. */
        boolean isNew(int ordinal) {
            return ((foreignKeys | ownKeys) & 1 << ordinal) == 0;
        }

        static Plan of(UpsertRow row, Map<Integer, Long> owners, List<MatchKey> precedence) {
            Plan plan = new Plan();
            plan.row = row;
            if (owners.isEmpty()) {
                return plan;
            }
            for (MatchKey key : precedence) {
                for (Map.Entry<Integer, Long> e : owners.entrySet()) {
                    if (plan.target == null && row.keys().get(e.getKey()).kind() == key) {
                        plan.target = e.getValue();
                        plan.matchedOn = key;
                    }
                }
            }
            owners.forEach((ordinal, owner) -> {
                if (owner.equals(plan.target)) {
                    plan.ownKeys |= 1 << ordinal;
                } else {
                    plan.foreignKeys |= 1 << ordinal;
                    if (plan.target != null && plan.other(owner) && plan.ambiguousOn == null) {
                        plan.ambiguousOn = row.keys().get(ordinal).kind().name().replace('_', ' ');
                    }
                }
            });
            return plan;
        }

        private boolean other(Long owner) {
            if (others.isEmpty()) {
                others = new java.util.TreeSet<>();
            }
            return others.add(owner);
        }
    }

    /** The statements of one round, gathered as column arrays. */
    private static final class Writes {
        final ContactColumns inserts = new ContactColumns();
        final ContactColumns updates = new ContactColumns();
        final List<Long> emailContact = new ArrayList<>();
        final List<String> emailAddress = new ArrayList<>();
        final List<String> emailNorm = new ArrayList<>();
        final List<Boolean> emailPrimary = new ArrayList<>();
        final List<Long> phoneContact = new ArrayList<>();
        final List<String> phoneE164 = new ArrayList<>();
        final List<String> phoneKind = new ArrayList<>();
        final List<Boolean> phonePrimary = new ArrayList<>();
        final List<Long> externalContact = new ArrayList<>();
        final List<String> externalSystem = new ArrayList<>();
        final List<String> externalValue = new ArrayList<>();
        final List<Long> identityContact = new ArrayList<>();
        final List<String> identityNetwork = new ArrayList<>();
        final List<String> identityHandle = new ArrayList<>();
        final List<String> identityNorm = new ArrayList<>();
        final List<String> identityExternal = new ArrayList<>();
        final List<String> identityUrl = new ArrayList<>();
        final List<Boolean> identityVerified = new ArrayList<>();
        final List<Long> candidateA = new ArrayList<>();
        final List<Long> candidateB = new ArrayList<>();
        final List<String> candidateReason = new ArrayList<>();
        final List<Long> moved = new ArrayList<>();
        final List<String> movedFrom = new ArrayList<>();
        final List<String> movedTo = new ArrayList<>();
        final List<Long> preferenceIds = new ArrayList<>();
        final List<Long> created = new ArrayList<>();
        final List<Long> updated = new ArrayList<>();
        /** Created, or a new name, postal code or e-mail: their duplicate candidates are found again (DuplicatePairs). */
        final Set<Long> pairKeysChanged = new java.util.LinkedHashSet<>();
        final List<ChannelPreferenceInput> preferences = new ArrayList<>();

        void insert(long id, ContactState state) {
            inserts.add(id, state);
        }

        void update(long id, ContactState state) {
            updates.add(id, state);
        }

        void transition(long id, String from, String to) {
            moved.add(id);
            movedFrom.add(from);
            movedTo.add(to);
        }

        void candidate(long id, long other, String reason) {
            candidateA.add(Math.min(id, other));
            candidateB.add(Math.max(id, other));
            candidateReason.add("same " + reason.toLowerCase(java.util.Locale.ROOT));
        }

        /** Queues the row's keys that are new on the contact; true when there is any. */
        boolean keys(long id, Plan plan, ContactState after) {
            UpsertRow row = plan.row;
            boolean any = false;
            int ordinal = 0;
            for (ExternalIdInput e : row.externalIds()) {
                if (plan.isNew(ordinal++)) {
                    externalContact.add(id);
                    externalSystem.add(e.system());
                    externalValue.add(e.value());
                    any = true;
                }
            }
            for (Map.Entry<String, String> e : row.emails().entrySet()) {
                if (plan.isNew(ordinal++)) {
                    pairKeysChanged.add(id);
                    emailContact.add(id);
                    emailNorm.add(e.getKey());
                    emailAddress.add(e.getValue());
                    emailPrimary.add(after.email != null && after.email.equals(e.getValue()));
                    any = true;
                }
            }
            for (var p : row.phones()) {
                if (plan.isNew(ordinal++)) {
                    phoneContact.add(id);
                    phoneE164.add(p.e164());
                    phoneKind.add(p.kind());
                    phonePrimary.add(p.e164().equals(after.phone));
                    any = true;
                }
            }
            for (SocialIdentityInput s : row.identities()) {
                if (plan.isNew(ordinal++)) {
                    identityContact.add(id);
                    identityNetwork.add(s.network().name());
                    identityHandle.add(s.handle().trim());
                    identityNorm.add(Handles.normalize(s.handle()));
                    identityExternal.add(s.externalId());
                    identityUrl.add(s.profileUrl());
                    identityVerified.add(Boolean.TRUE.equals(s.verified()));
                    any = true;
                }
            }
            return any;
        }

        Uni<Void> flush(SqlConnection connection) {
            // a new contact's own row has no unique key but its reserved id (V122): its keys' rows below are what a
            // concurrent transaction can have taken, so the insert is plain (no speculative insertion a row)
            return contacts(connection, INSERT, inserts)
                    .chain(() -> contacts(connection, UPDATE, updates))
                    .chain(() -> keys(connection, emailNorm, "insert into contact_email (contact_id, address, address_norm, is_primary) "
                            + "select * from unnest($1::bigint[], $2::text[], $3::text[], $4::bool[])",
                            Tuple.of(emailContact.toArray(Long[]::new), emailAddress.toArray(String[]::new),
                                    emailNorm.toArray(String[]::new), emailPrimary.toArray(Boolean[]::new))))
                    .chain(() -> keys(connection, phoneE164, "insert into contact_phone (contact_id, e164, kind, is_primary) "
                            + "select * from unnest($1::bigint[], $2::text[], $3::text[], $4::bool[])",
                            Tuple.of(phoneContact.toArray(Long[]::new), phoneE164.toArray(String[]::new),
                                    phoneKind.toArray(String[]::new), phonePrimary.toArray(Boolean[]::new))))
                    .chain(() -> keys(connection, externalSystem, "insert into contact_external_id (contact_id, system, value) "
                            + "select * from unnest($1::bigint[], $2::text[], $3::text[])",
                            Tuple.of(externalContact.toArray(Long[]::new), externalSystem.toArray(String[]::new),
                                    externalValue.toArray(String[]::new))))
                    .chain(() -> keys(connection, identityNetwork, "insert into social_identity (contact_id, network, handle, "
                            + "handle_normalized, external_id, profile_url, verified) select * from unnest($1::bigint[], $2::text[], "
                            + "$3::text[], $4::text[], $5::text[], $6::text[], $7::bool[])",
                            Tuple.tuple(List.of(identityContact.toArray(Long[]::new), identityNetwork.toArray(String[]::new),
                                    identityHandle.toArray(String[]::new), identityNorm.toArray(String[]::new),
                                    identityExternal.toArray(String[]::new), identityUrl.toArray(String[]::new),
                                    identityVerified.toArray(Boolean[]::new)))))
                    .chain(() -> run(connection, candidateA.isEmpty(), "with pairs as (select a, b, r from unnest($1::bigint[], $2::bigint[], $3::text[]) u(a, b, r) "
                            + "where not exists (select 1 from duplicate_dismissal d where d.contact_id = u.a and d.other_id = u.b)) "
                            + "insert into duplicate_candidate (contact_id, other_id, reasons, score) "
                            + "select a, b, array[r], 0.9 from pairs on conflict do nothing", // a CTE for Citus (docs/scale-out.md)
                            Tuple.of(candidateA.toArray(Long[]::new), candidateB.toArray(Long[]::new), candidateReason.toArray(String[]::new))));
        }

        /**
         * Inserts keys new to their contacts, plainly: each key once (UpsertRow), none of them found by this transaction's
         * match. A unique violation means another transaction took one since (design.md §8: never two contacts for one
         * person): the batch rolls back and runs again ({@link #lostRace}). A speculative insertion ({@code on conflict do
         * nothing}) cost ~1.9 µs a key row more (bench/sql/conflict_cost.sql).
         */
        private static Uni<Void> keys(SqlConnection connection, List<String> keys, String sql, Tuple args) {
            return run(connection, keys.isEmpty(), sql, args);
        }

        private static Uni<Void> run(SqlConnection connection, boolean skip, String sql, Tuple args) {
            return skip ? Uni.createFrom().voidItem() : connection.preparedQuery(CACHED + sql).execute(args).replaceWithVoid();
        }

        private static Uni<Void> contacts(SqlConnection connection, String sql, ContactColumns rows) {
            return run(connection, rows.isEmpty(), sql, rows.isEmpty() ? null : rows.tuple());
        }
    }

    private static final String UNNEST = """
            unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                   $10::text[], $11::text[], $12::text[], $13::float8[], $14::float8[], $15::text[], $16::text[], $17::bool[],
                   $18::bool[], $19::text[], $20::text[], $21::int[], $22::text[], $23::bool[])
              u(id, display_name, first_name, last_name, email, phone, city, region, country, postal_code, line1, line2,
                latitude, longitude, tags, custom_fields, consent_email, consent_sms, stage, language, support_level,
                preferred_channel, do_not_contact)""";

    private static final String TAGS = "case when u.tags = '' then '{}'::text[] else string_to_array(u.tags, chr(31)) end";

    private static final String INSERT = "insert into contact (id, display_name, first_name, last_name, email, phone, city, region, "
            + "country, postal_code, address_line1, address_line2, latitude, longitude, tags, custom_fields, consent_email, consent_sms, "
            + "lifecycle_stage, language, support_level, preferred_channel, do_not_contact) overriding system value "
            + "select u.id, u.display_name, u.first_name, u.last_name, u.email, u.phone, u.city, u.region, u.country, u.postal_code, "
            + "u.line1, u.line2, u.latitude, u.longitude, " + TAGS + ", u.custom_fields::jsonb, u.consent_email, u.consent_sms, "
            + "u.stage, u.language, u.support_level, u.preferred_channel, u.do_not_contact from " + UNNEST;

    private static final String UPDATE = "update contact c set display_name = u.display_name, first_name = u.first_name, "
            + "last_name = u.last_name, email = u.email, phone = u.phone, city = u.city, region = u.region, country = u.country, "
            + "postal_code = u.postal_code, address_line1 = u.line1, address_line2 = u.line2, latitude = u.latitude, "
            + "longitude = u.longitude, tags = " + TAGS + ", custom_fields = u.custom_fields::jsonb, consent_email = u.consent_email, "
            + "consent_sms = u.consent_sms, lifecycle_stage = u.stage, language = u.language, support_level = u.support_level, "
            + "preferred_channel = u.preferred_channel, do_not_contact = u.do_not_contact, updated_at = now() from " + UNNEST
            + " where c.id = u.id";

    static ContactChannel channel(String name) {
        return name == null ? null : ContactChannel.valueOf(name);
    }
}
