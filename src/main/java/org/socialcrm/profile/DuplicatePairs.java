package org.socialcrm.profile;

import static org.socialcrm.tenancy.DatabasePoolCreator.CACHED;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.contact.ContactMergeStep;
import org.socialcrm.contact.ContactWritten;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps the computed duplicate candidates ({@code duplicate_match}) of written contacts up to date, in the writing
 * transaction and set-based: three statements for a batch of any size. The pairs of the given contacts are dropped and
 * found again by probing indexes for those contacts only: e-mail local-part variants (dots and +tags ignored) by
 * equality on {@code contact_email_variant_idx}, similar names (pg_trgm similarity of at least 0.5) by the trigram index
 * on postal code and display name. Dismissed pairs are not stored.
 *
 * <p>The refreshes of a tenant take one row lock in turn, held to commit: each then sees the contacts of the
 * refreshes before it, so two similar people written at once by two transactions (two import lanes) still pair.
 */
@ApplicationScoped
public class DuplicatePairs implements ContactWritten, ContactMergeStep {

    static final String VARIANT = "(regexp_replace(split_part(%1$s.address_norm, '@', 1), '(\\+.*$)|\\.', '', 'g') || '@' "
            + "|| split_part(%1$s.address_norm, '@', 2))";

    private static final String LOCK = "select id from duplicate_refresh for update";

    private static final String DROP = "delete from duplicate_match where contact_id = any($1) or other_id = any($1)";

    /**
     * The pairs of the contacts $1 (SELECT in CTEs for Citus, docs/scale-out.md rule 7; V110 runs the same for
     * everyone). The lateral subqueries ({@code offset 0} keeps them apart) make one index probe per written contact
     * and e-mail: joined, PostgreSQL hashed all contacts of the tenant for a batch of 1,000 (100 of its 141 ms).
     */
    static final String FIND = """
            with variant as materialized (
              select e.contact_id, %s as v from contact_email e where e.contact_id = any($1)
            ), found as (
              select least(a.contact_id, b.contact_id) as contact_id, greatest(a.contact_id, b.contact_id) as other_id,
                     'email local-part variant' as reason, 0.85::float8 as score
              from variant a cross join lateral (
                select b.contact_id from contact_email b where %s = a.v and b.contact_id <> a.contact_id offset 0) b
              union all
              select least(a.id, b.id), greatest(a.id, b.id), 'similar name in the same postal code', 0.5 + 0.5 * b.similarity
              from contact a cross join lateral (
                select b.id, public.similarity(a.display_name, b.display_name) as similarity from contact b
                where b.postal_code = a.postal_code and b.display_name operator(public.%%) a.display_name and b.id <> a.id offset 0) b
              where a.id = any($1) and a.postal_code is not null and b.similarity >= 0.5
            ), pairs as (
              select distinct f.contact_id, f.other_id, f.reason, f.score from found f
              where not exists (select 1 from duplicate_dismissal d where d.contact_id = f.contact_id and d.other_id = f.other_id)
            )
            insert into duplicate_match (contact_id, other_id, reason, score)
            select contact_id, other_id, reason, score from pairs
            on conflict do nothing""".formatted(VARIANT.formatted("e"), VARIANT.formatted("b"));

    /** Finds the pairs of the given contacts again (created, renamed, moved, new emails); nothing to do for none. */
    public Uni<Void> refresh(SqlConnection connection, long[] contactIds) {
        if (contactIds.length == 0) {
            return Uni.createFrom().voidItem();
        }
        Tuple ids = Tuple.of(contactIds);
        return connection.preparedQuery(CACHED + LOCK).execute()
                .chain(() -> connection.preparedQuery(CACHED + DROP).execute(ids))
                .chain(() -> connection.preparedQuery(CACHED + FIND).execute(ids))
                .replaceWithVoid();
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
