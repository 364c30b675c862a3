package org.socialcrm.field;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Votes (contact_vote, shared with targeting's "not voted in election E" condition) and GOTV counts. */
@ApplicationScoped
public class VoteRepository {

    /** Marks the contacts that exist as having voted; returns how many were not marked before. */
    public Uni<Integer> mark(SqlConnection connection, Long[] contactIds, String election, String source) {
        return connection.preparedQuery("insert into contact_vote (contact_id, election, source) select c.id, $2, $3 from contact c "
                + "where c.id = any($1) order by c.id on conflict do nothing").execute(Tuple.of(contactIds, election, source))
                .map(rows -> rows.rowCount());
    }

    /** Marks the contacts with the given external ids ({@code systems[i]}, {@code values[i]}); returns matched and newly marked. */
    public Uni<int[]> markByExternalIds(SqlConnection connection, String[] systems, String[] values, String election, String source) {
        return connection.preparedQuery("with m as (select distinct e.contact_id from unnest($1::text[], $2::text[]) u(s, v) "
                + "join contact_external_id e on e.system = u.s and e.value = u.v), "
                + "ins as (insert into contact_vote (contact_id, election, source) select contact_id, $3, $4 from m order by contact_id "
                + "on conflict do nothing returning 1) select (select count(*) from m), (select count(*) from ins)")
                .execute(Tuple.of(systems, values, election, source))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new int[] { row.getLong(0).intValue(), row.getLong(1).intValue() };
                });
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
