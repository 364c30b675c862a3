package org.socialcrm.field;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.change.ChangeLog;
import org.socialcrm.change.ChangeTypes;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Votes (contact_vote, shared with targeting's "not voted in election E" condition) and GOTV counts. */
@ApplicationScoped
public class VoteRepository {

    private final ChangeLog changes;

    public VoteRepository(ChangeLog changes) {
        this.changes = changes;
    }

    /**
     * Marks the contacts that exist as having voted; returns how many were not marked before. Each newly marked
     * contact gets its change (one multi-row insert, in the caller's transaction).
     */
    public Uni<Integer> mark(SqlConnection connection, Long[] contactIds, String election, String source) {
        return connection.preparedQuery("with c as (select id from contact where id = any($1)) " // a CTE for Citus (docs/scale-out.md)
                + "insert into contact_vote (contact_id, election, source) select c.id, $2, $3 from c "
                + "order by c.id on conflict do nothing returning contact_id").execute(Tuple.of(contactIds, election, source))
                .chain(rows -> {
                    long[] marked = new long[rows.rowCount()];
                    int i = 0;
                    for (Row row : rows) {
                        marked[i++] = row.getLong(0);
                    }
                    return voted(connection, marked, election, source).replaceWith(marked.length);
                });
    }

    /** Marks the contacts with the given external ids ({@code systems[i]}, {@code values[i]}); returns matched and newly marked. */
    public Uni<int[]> markByExternalIds(SqlConnection connection, String[] systems, String[] values, String election, String source) {
        return connection.preparedQuery("with m as (select distinct e.contact_id from unnest($1::text[], $2::text[]) u(s, v) "
                + "join contact_external_id e on e.system = u.s and e.value = u.v), "
                + "ins as (insert into contact_vote (contact_id, election, source) select contact_id, $3, $4 from m order by contact_id "
                + "on conflict do nothing returning contact_id) "
                + "select (select count(*) from m), (select coalesce(array_agg(contact_id order by contact_id), '{}') from ins)")
                .execute(Tuple.of(systems, values, election, source))
                .chain(rows -> {
                    Row row = rows.iterator().next();
                    long[] marked = Arrays.stream(row.getArrayOfLongs(1)).mapToLong(Long::longValue).toArray();
                    return voted(connection, marked, election, source)
                            .replaceWith(new int[] { row.getLong(0).intValue(), marked.length });
                });
    }

    /**
     * The feed's change for newly marked contacts: {@code contact.updated} naming the field ({@code fields: ["voted"]},
     * as for other fields that are not set by updateContact), with the election and the source. No change type of the
     * contract is closer; a vote marked again is no change.
     */
    private Uni<Void> voted(SqlConnection connection, long[] contactIds, String election, String source) {
        JsonObject data = new JsonObject().put("fields", new JsonArray().add("voted")).put("election", election).put("source", source);
        JsonObject[] perContact = new JsonObject[contactIds.length];
        Arrays.fill(perContact, data);
        return changes.recordAll(connection, ChangeTypes.CONTACT_UPDATED, contactIds, perContact);
    }

    /** Which of the contacts voted in the election, in the order of {@code contactIds}. */
    public Uni<List<Boolean>> voted(SqlConnection connection, List<Long> contactIds, String election) {
        return connection.preparedQuery("select contact_id from contact_vote where contact_id = any($1) and election = $2")
                .execute(Tuple.of(contactIds.toArray(Long[]::new), election)).map(rows -> {
                    Set<Long> voted = new HashSet<>();
                    rows.forEach(row -> voted.add(row.getLong(0)));
                    return contactIds.stream().map(voted::contains).toList();
                });
    }

    public Uni<GotvProgress> progress(SqlConnection connection, Long[] members, String election) {
        return connection.preparedQuery("with e as (select coalesce($2::text, (select election from contact_vote order by voted_at desc "
                + "limit 1)) as election), m as (select c.id, c.support_level, exists (select 1 from contact_vote v, e "
                + "where v.contact_id = c.id and v.election = e.election) as voted from contact c where c.id = any($1)) "
                + "select count(*), count(*) filter (where exists (select 1 from canvass k where k.contact_id = m.id and k.outcome = 'CONTACTED')), "
                + "count(*) filter (where voted), count(*) filter (where not voted), "
                + "count(*) filter (where not voted and support_level between 1 and 2), (select election from e) from m")
                .execute(Tuple.of(members, election)).map(rows -> {
                    Row row = rows.iterator().next();
                    return new GotvProgress(row.getLong(0).intValue(), row.getLong(1).intValue(), row.getLong(2).intValue(),
                            row.getLong(3).intValue(), row.getLong(4).intValue(), row.getString(5));
                });
    }
}
