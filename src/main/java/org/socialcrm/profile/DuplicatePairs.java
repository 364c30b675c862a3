package org.socialcrm.profile;

import static org.socialcrm.tenancy.DatabasePoolCreator.CACHED;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.contact.ContactMergeStep;
import org.socialcrm.contact.ContactWritten;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps the stored duplicate candidates ({@code duplicate_pair}: one row per pair, reasons merged, score) of written
 * contacts true, set-based: a fixed number of statements for any number of contacts. The pairs of the given contacts
 * are found again by probing indexes for those contacts only: e-mail local-part variants (dots and +tags ignored) by
 * equality on {@code contact_email_variant}, similar names (pg_trgm similarity of at least 0.5) by the GiST on
 * postal code and display name trigrams of {@code contact_name_probe}, and the pairs AMBIGUOUS upserts recorded
 * ({@code duplicate_candidate}). Dismissed pairs are not stored. Both probes are tables of their own, written by the
 * refreshes for the contacts they refresh, so that an import's insert of a contact pays neither the GiST entry (V114)
 * nor the variant's expression index entry (V123); the contacts of a refresh are compared as they are now with the
 * others as last refreshed, and with each other.
 *
 * <p>API writes refresh in their own transaction ({@link #refresh}); import batches only mark their contacts
 * ({@link #mark}) and {@link DuplicateDrain} refreshes them outside the lanes' transactions ({@link #drainChunk}).
 * Refreshes of a tenant take one row lock in turn ({@code duplicate_refresh}), held to commit: each then sees the
 * contacts of the refreshes before it, so two similar people written at once still pair.
 *
 * <p>Erasures and merges delete contacts while a refresh may insert pairs naming them. A refresh therefore locks
 * every contact it is about to touch (the refreshed ones, their found and their stored partners) with
 * {@code for key share skip locked} BEFORE it deletes or inserts a pair: a contact being deleted is skipped (its
 * refreshed partner stays pending for the next drain), and a contact it locked cannot be deleted until it commits.
 * It never waits on a contact lock, so it cannot deadlock with a deletion, and its inserts never meet a vanished id.
 */
@ApplicationScoped
public class DuplicatePairs implements ContactWritten, ContactMergeStep {

    static final String VARIANT = "(regexp_replace(split_part(%1$s.address_norm, '@', 1), '(\\+.*$)|\\.', '', 'g') || '@' "
            + "|| split_part(%1$s.address_norm, '@', 2))";

    static final String LOCK = "select id from duplicate_refresh for update";

    static final String LOCK_IF_FREE = LOCK + " skip locked";

    /** The contacts a refresh touches that exist and no one is deleting (or locking for update): those it may write. */
    static final String LOCK_CONTACTS = "select id from contact where id = any($1) order by id for key share skip locked";

    static final String DROP = "delete from duplicate_pair where contact_id = any($1) or other_id = any($1)";

    static final String MARK = "insert into duplicate_pending (contact_id) select * from unnest($1::bigint[]) on conflict do nothing";

    /** An import batch's marks: one row, not one per contact (V127). */
    static final String MARK_BATCH = "insert into duplicate_pending_batch (contact_ids) values ($1::bigint[])";

    /** Reasons travel joined by a newline (unnest cannot carry an array per row); they are our own fixed texts. */
    static final String INSERT = """
            with pairs as (select a, b, s, r from unnest($1::bigint[], $2::bigint[], $3::float8[], $4::text[]) u(a, b, s, r))
            insert into duplicate_pair (contact_id, other_id, score, reasons)
            select a, b, s, string_to_array(r, E'\\n') from pairs on conflict do nothing""";

    /**
     * The pairs of the contacts $1, reasons merged per pair (the best reason's score plus 0.05 for each further one),
     * then the pairs stored for them now (score null), whose partners a refresh locks too. SELECTs in CTEs (Citus,
     * docs/scale-out.md rule 7). The lateral subqueries ({@code offset 0} keeps them apart) make one index probe per
     * contact and e-mail: joined, PostgreSQL hashed all contacts of the tenant for a batch. Similar names: the contacts
     * $1 as they are now against the others as last refreshed ({@code contact_name_probe}, one GiST probe each), and
     * against each other (the probe may hold their old names, so their own probe rows are not read).
     */
    static final String FIND = """
            with variant as materialized (
              select distinct e.contact_id, %s as v from contact_email e where e.contact_id = any($1)
            ), batch as materialized (
              select id, postal_code, display_name from contact where id = any($1)
            ), found as (
              select least(a.contact_id, b.contact_id) as contact_id, greatest(a.contact_id, b.contact_id) as other_id,
                     'email local-part variant' as reason, 0.85::float8 as score
              from variant a cross join lateral (
                select b.contact_id from contact_email_variant b where b.variant = a.v and b.contact_id <> a.contact_id offset 0) b
              where not b.contact_id = any($1)
              union all
              select a.contact_id, b.contact_id, 'email local-part variant', 0.85
              from variant a join variant b on b.v = a.v and b.contact_id > a.contact_id
              union all
              select least(a.id, b.contact_id), greatest(a.id, b.contact_id), 'similar name in the same postal code', 0.5 + 0.5 * b.similarity
              from batch a cross join lateral (
                select p.contact_id, public.similarity(a.display_name, p.display_name) as similarity from contact_name_probe p
                where p.postal_code = a.postal_code and p.display_name operator(public.%%) a.display_name and p.contact_id <> a.id offset 0) b
              where a.postal_code is not null and b.similarity >= 0.5 and not exists (select 1 from batch c where c.id = b.contact_id)
              union all
              select a.id, b.id, 'similar name in the same postal code', 0.5 + 0.5 * public.similarity(a.display_name, b.display_name)
              from batch a join batch b on b.postal_code = a.postal_code and b.id > a.id and b.display_name operator(public.%%) a.display_name
              where public.similarity(a.display_name, b.display_name) >= 0.5
              union all
              select contact_id, other_id, unnest(reasons), score from duplicate_candidate where contact_id = any($1) or other_id = any($1)
            ), pairs as (
              select f.contact_id, f.other_id, least(1.0, max(f.score) + 0.05 * (count(distinct f.reason) - 1))::float8 as score,
                     string_agg(distinct f.reason, E'\\n' order by f.reason) as reasons
              from found f
              where not exists (select 1 from duplicate_dismissal d where d.contact_id = f.contact_id and d.other_id = f.other_id)
              group by f.contact_id, f.other_id
            ), stored as (
              select contact_id, other_id from duplicate_pair where contact_id = any($1) or other_id = any($1)
            )
            select contact_id, other_id, score, reasons from pairs
            union all
            select contact_id, other_id, null, null from stored""".formatted(VARIANT.formatted("e"));

    /**
     * The name probe of the refreshed contacts $1 (locked by the refresh: the foreign key check waits for nobody) set to
     * what they are now: their postal code and name, or no row without a postal code. Unchanged rows are not rewritten.
     */
    static final String PROBE = """
            with gone as (
              delete from contact_name_probe p where p.contact_id = any($1)
              and not exists (select 1 from contact c where c.id = p.contact_id and c.postal_code is not null)
            ), src as (
              select id, postal_code, display_name from contact where id = any($1) and postal_code is not null
            )
            insert into contact_name_probe as p (contact_id, postal_code, display_name)
            select id, postal_code, display_name from src
            on conflict (contact_id) do update set postal_code = excluded.postal_code, display_name = excluded.display_name
            where (p.postal_code, p.display_name) is distinct from (excluded.postal_code, excluded.display_name)""";

    /**
     * The e-mail variant probe of the refreshed contacts $1 (tenant migration V123) set to their e-mails now: variants
     * no e-mail of theirs has any more go, new ones come; unchanged rows are not rewritten.
     */
    static final String VARIANTS = """
            with gone as (
              delete from contact_email_variant p where p.contact_id = any($1)
              and not exists (select 1 from contact_email e where e.contact_id = p.contact_id and %s = p.variant)
            ), src as (
              select distinct e.contact_id, %s as variant from contact_email e where e.contact_id = any($1)
            )
            insert into contact_email_variant (contact_id, variant) select contact_id, variant from src
            on conflict do nothing""".formatted(VARIANT.formatted("e"), VARIANT.formatted("e"));

    /**
     * A pass's marks: up to $1 per-contact marks (batch null), then the contacts of the oldest batch rows, about $1 in
     * all (an import batch marks up to 1,000), at least one batch row.
     */
    static final String PENDING = """
            with single as (
              select contact_id from duplicate_pending order by contact_id limit $1
            ), batch as (
              select id, contact_ids from duplicate_pending_batch order by id
              limit greatest(1, ($1 - (select count(*) from single)) / 1000)
            )
            select null::bigint as batch, contact_id from single
            union all
            select b.id, u.contact_id from batch b cross join lateral unnest(b.contact_ids) u(contact_id)""";

    /**
     * Drops the per-contact marks $1 that were drained ($2) or whose contact is gone (erased, merged away), and the
     * batch rows $3 whole; a batch's contacts neither drained nor gone become per-contact marks for the next pass. The
     * number of marks removed.
     */
    static final String DRAINED = """
            with single as (
              delete from duplicate_pending p where p.contact_id = any($1)
              and (p.contact_id = any($2) or not exists (select 1 from contact c where c.id = p.contact_id)) returning p.contact_id
            ), batch as (
              delete from duplicate_pending_batch b where b.id = any($3) returning b.contact_ids
            ), left_over as (
              select u.contact_id from batch b cross join lateral unnest(b.contact_ids) u(contact_id)
              where u.contact_id <> all($2) and exists (select 1 from contact c where c.id = u.contact_id)
            ), kept as (
              insert into duplicate_pending (contact_id) select contact_id from left_over on conflict do nothing returning contact_id
            )
            select (select count(*) from single) + (select coalesce(sum(cardinality(contact_ids)), 0) from batch)
                   - (select count(*) from kept) as removed""";

    /**
     * After an upsert: an import ({@code source} "import") only marks its contacts, the drain finds their pairs; an API
     * upsert finds them now, so that they are there when the mutation returns. The contacts are those created or with a
     * new name, postal code or e-mail, and both sides of every pair the upsert recorded as ambiguous.
     */
    public Uni<Void> upserted(SqlConnection connection, String source, Collection<Long> changed, List<Long> recordedA, List<Long> recordedB) {
        Set<Long> ids = new LinkedHashSet<>(changed);
        ids.addAll(recordedA);
        ids.addAll(recordedB);
        long[] array = ids.stream().mapToLong(Long::longValue).toArray();
        return "import".equals(source) ? markBatch(connection, array) : refresh(connection, array);
    }

    /** Marks an import batch's contacts for the drain with one row, in the caller's transaction. */
    Uni<Void> markBatch(SqlConnection connection, long[] contactIds) {
        if (contactIds.length == 0) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(CACHED + MARK_BATCH).execute(Tuple.of(ids(contactIds))).replaceWithVoid();
    }

    /** Marks contacts for the drain, in the caller's transaction (nothing is lost if it rolls back or the replica dies). */
    public Uni<Void> mark(SqlConnection connection, long[] contactIds) {
        if (contactIds.length == 0) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(CACHED + MARK).execute(Tuple.of(ids(contactIds))).replaceWithVoid();
    }

    /**
     * Finds the pairs of the given contacts again now, in the caller's transaction (waiting for the tenant's refresh
     * lock). A contact whose partner is being deleted or locked for update meanwhile is marked for the drain instead.
     */
    public Uni<Void> refresh(SqlConnection connection, long[] contactIds) {
        if (contactIds.length == 0) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(CACHED + LOCK).execute()
                .chain(() -> refreshLocked(connection, contactIds))
                .chain(done -> {
                    long[] left = java.util.Arrays.stream(contactIds).filter(id -> !done.contains(id)).toArray();
                    return mark(connection, left);
                });
    }

    /**
     * One pass of the drain in the caller's (own) transaction: at most {@code chunk} marked contacts, unless another
     * refresh of the tenant holds the lock. The number of marks it removed (drained, or their contact is gone); -1 when
     * the lock was taken or nothing was marked.
     */
    public Uni<Integer> drainChunk(SqlConnection connection, int chunk) {
        return connection.preparedQuery(CACHED + PENDING).execute(Tuple.of(chunk)).chain(pending -> {
            if (pending.size() == 0) {
                return Uni.createFrom().item(-1);
            }
            Set<Long> single = new LinkedHashSet<>();
            Set<Long> all = new LinkedHashSet<>();
            Set<Long> batches = new LinkedHashSet<>();
            for (Row row : pending) {
                Long batch = row.getLong("batch");
                if (batch == null) {
                    single.add(row.getLong("contact_id"));
                } else {
                    batches.add(batch);
                }
                all.add(row.getLong("contact_id"));
            }
            long[] ids = all.stream().mapToLong(Long::longValue).toArray();
            return connection.preparedQuery(CACHED + LOCK_IF_FREE).execute().chain(locked -> locked.size() == 0
                    ? Uni.createFrom().item(-1)
                    : refreshLocked(connection, ids).chain(done -> connection.preparedQuery(CACHED + DRAINED)
                            .execute(Tuple.of(single.toArray(Long[]::new), done.toArray(Long[]::new), batches.toArray(Long[]::new)))
                            .map(rows -> rows.iterator().next().getLong("removed").intValue())));
        });
    }

    /** The refresh under the tenant's lock; the contacts whose pairs it wrote. */
    private Uni<Set<Long>> refreshLocked(SqlConnection connection, long[] contactIds) {
        Long[] ids = ids(contactIds);
        return connection.preparedQuery(CACHED + FIND).execute(Tuple.of(ids)).chain(rows -> {
            List<Row> pairs = new ArrayList<>();
            Set<Long> touched = new HashSet<>(List.of(ids));
            for (Row row : rows) {
                pairs.add(row);
                touched.add(row.getLong("contact_id"));
                touched.add(row.getLong("other_id"));
            }
            return connection.preparedQuery(CACHED + LOCK_CONTACTS).execute(Tuple.of(touched.toArray(Long[]::new)))
                    .chain(lockedRows -> {
                        Set<Long> locked = new HashSet<>();
                        lockedRows.forEach(r -> locked.add(r.getLong(0)));
                        Set<Long> ready = ready(ids, pairs, locked);
                        return ready.isEmpty() ? Uni.createFrom().item(ready) : write(connection, pairs, ready).replaceWith(ready);
                    });
        });
    }

    /** The refreshed contacts that exist and whose every partner, found or stored, is locked by this transaction. */
    static Set<Long> ready(Long[] ids, List<Row> pairs, Set<Long> locked) {
        Set<Long> ready = new LinkedHashSet<>();
        for (Long id : ids) {
            if (locked.contains(id)) {
                ready.add(id);
            }
        }
        for (Row pair : pairs) {
            long a = pair.getLong("contact_id");
            long b = pair.getLong("other_id");
            if (!locked.contains(b)) {
                ready.remove(a);
            }
            if (!locked.contains(a)) {
                ready.remove(b);
            }
        }
        return ready;
    }

    private static Uni<Void> write(SqlConnection connection, List<Row> pairs, Set<Long> ready) {
        List<Long> a = new ArrayList<>();
        List<Long> b = new ArrayList<>();
        List<Double> score = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (Row pair : pairs) {
            if (pair.getValue("score") != null && (ready.contains(pair.getLong("contact_id")) || ready.contains(pair.getLong("other_id")))) {
                a.add(pair.getLong("contact_id"));
                b.add(pair.getLong("other_id"));
                score.add(pair.getDouble("score"));
                reasons.add(pair.getString("reasons"));
            }
        }
        Long[] readyIds = ready.toArray(Long[]::new);
        Uni<?> dropped = connection.preparedQuery(CACHED + DROP).execute(Tuple.of(readyIds));
        Uni<?> stored = a.isEmpty() ? dropped
                : dropped.chain(() -> connection.preparedQuery(CACHED + INSERT).execute(Tuple.of(a.toArray(Long[]::new),
                        b.toArray(Long[]::new), score.toArray(Double[]::new), reasons.toArray(String[]::new))));
        return stored.chain(() -> connection.preparedQuery(CACHED + PROBE).execute(Tuple.of(readyIds)))
                .chain(() -> connection.preparedQuery(CACHED + VARIANTS).execute(Tuple.of(readyIds))).replaceWithVoid();
    }

    private static Long[] ids(long[] ids) {
        return java.util.Arrays.stream(ids).boxed().toArray(Long[]::new);
    }

    @Override
    public Uni<Void> written(SqlConnection connection, long[] contactIds) {
        return refresh(connection, contactIds);
    }

    /** The survivor has the duplicates' emails and maybe a filled-in name; the duplicates' pairs cascaded away. */
    @Override
    public Uni<Void> afterMerge(SqlConnection connection, long survivorId) {
        return refresh(connection, new long[] { survivorId });
    }
}
