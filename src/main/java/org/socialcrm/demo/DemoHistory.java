package org.socialcrm.demo;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The demo data the import pipeline has no way in for, written with SQL here and nowhere else (dev/README.md):
 * campaigns (the files name them by row number), and each person's DATED lifecycle history (imports date the
 * moves they make "now"). Seeds only: these writes go to no change feed and no audit log.
 */
@ApplicationScoped
public class DemoHistory {

    /** Campaign rows of campaigns.csv in file order; returns row number (1-based) to id. One statement. */
    public Uni<Map<Integer, Long>> campaigns(SqlConnection connection, List<String[]> rows) {
        int n = rows.size();
        String[] name = new String[n];
        String[] status = new String[n];
        String[] channel = new String[n];
        OffsetDateTime[] starts = new OffsetDateTime[n];
        OffsetDateTime[] ends = new OffsetDateTime[n];
        Double[] budget = new Double[n];
        for (int i = 0; i < n; i++) {
            String[] r = rows.get(i);
            name[i] = r[0];
            status[i] = r[1];
            channel[i] = r[2];
            starts[i] = OffsetDateTime.parse(r[3]);
            ends[i] = OffsetDateTime.parse(r[4]);
            budget[i] = Double.valueOf(r[5]);
        }
        return connection.preparedQuery("""
                insert into campaign (name, status, channel, starts_at, ends_at, budget)
                select u.name, u.status, u.channel, u.starts, u.ends, u.budget
                from unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::float8[])
                  with ordinality u(name, status, channel, starts, ends, budget, n)
                order by u.n returning id, name""")
                .execute(Tuple.of(name, status, channel, starts, ends, budget)).map(inserted -> {
                    Map<String, Long> byName = new HashMap<>();
                    inserted.forEach(r -> byName.put(r.getString("name"), r.getLong("id")));
                    Map<Integer, Long> byRow = new HashMap<>();
                    for (int i = 0; i < n; i++) {
                        byRow.put(i + 1, byName.get(name[i]));
                    }
                    return byRow;
                });
    }

    /**
     * Replaces the history of the people named (external id {@code demo:<key>}) with the dated one of
     * transitions.csv (key, fromStage, toStage, occurredAt), sets each one's stage to its last move and its creation
     * time to its first. Four statements, set-based (the first locks the people).
     */
    public Uni<Integer> transitions(SqlConnection connection, List<String[]> rows) {
        int n = rows.size();
        String[] key = new String[n];
        String[] from = new String[n];
        String[] to = new String[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            String[] r = rows.get(i);
            key[i] = r[0];
            from[i] = r[1].isEmpty() ? null : r[1];
            to[i] = r[2];
            at[i] = OffsetDateTime.parse(r[3]);
        }
        String people = """
                with t as (select * from unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) u(k, f, s, at)),
                     p as (select x.contact_id, t.* from t join contact_external_id x on x.system = 'demo' and x.value = t.k)
                """;
        Tuple args = Tuple.of(key, from, to, at);
        // the people's rows first, in a statement of their own: lifecycle_transition has no foreign key (tenant migration
        // V121), so a history is only written for a contact this transaction holds (an erasure waits, then deletes it)
        return connection.preparedQuery("select c.id from contact c where c.id in (select x.contact_id from contact_external_id x "
                + "where x.system = 'demo' and x.value = any($1::text[])) order by c.id for update of c").execute(Tuple.of((Object) key))
                .chain(() -> connection.preparedQuery(people + "delete from lifecycle_transition l where l.contact_id in (select contact_id from p)")
                        .execute(args))
                .chain(() -> connection.preparedQuery(people + "insert into lifecycle_transition (contact_id, from_stage, to_stage, occurred_at, source) "
                        + "select contact_id, f, s, at, 'demo' from p order by at").execute(args))
                .chain(inserted -> connection.preparedQuery(people + """
                        update contact c set lifecycle_stage = h.last_stage, created_at = h.first_at
                        from (select contact_id, (array_agg(s order by at desc))[1] as last_stage, min(at) as first_at
                              from p group by contact_id) h
                        where c.id = h.contact_id""").execute(args).replaceWith(inserted.rowCount()));
    }

    /**
     * The people tagged {@code influencer} in contacts.csv join the influencer roster with their identities: neither
     * imports nor the metric ingest set that flag (it is an analyst's decision, markInfluencer). One statement.
     */
    public Uni<Integer> influencers(SqlConnection connection) {
        return connection.query("update social_identity s set is_influencer = true from contact c "
                + "where c.id = s.contact_id and c.tags @> array['influencer'] and not s.is_influencer")
                .execute().map(rows -> rows.rowCount());
    }
}
