package org.socialcrm.lifecycle;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The lifecycle funnel, in one SQL statement over the tenant's ladder: one pass of window functions over each
 * contact's transitions gives when it left a stage and the highest stage it reached afterwards.
 *
 * <p>Per stage, in ladder order:
 * <ul>
 * <li>{@code contacts}: contacts currently in the stage (a snapshot; the time window does not apply). With a
 * campaign, only contacts whose latest transition (the one that put them in their current stage) is attributed to
 * that campaign.</li>
 * <li>{@code entered}: distinct contacts with a transition into the stage whose occurred_at is within
 * [from, to] (bounds inclusive, each optional). With a campaign, only transitions attributed to it
 * (lifecycle_transition.campaign_id).</li>
 * <li>{@code conversionToNext}: of the contacts counted in {@code entered}, the share that afterwards (after that
 * entering transition, at any time, attributed to any campaign) had a transition into the next stage or any stage
 * further up the ladder, so skipping a stage still counts as progressing. Null for the last stage and when nobody
 * entered.</li>
 * <li>{@code medianDaysInStage}: median (percentile_cont 0.5) of the days between each counted entering
 * transition and the contact's next transition (whatever its stage), over completed stays only; null when there is
 * none.</li>
 * </ul>
 * With a segment, every number is computed over the segment's current members only (membership is evaluated now,
 * with {@code org.socialcrm.segment.SegmentMembers}, not as of the transitions' dates): their current stages, their
 * transitions.
 * <p>
 * Contacts whose initial stage was never recorded as a transition (see {@link LifecycleHistory#recordInitial}) count
 * in {@code contacts} but have no entry into that stage.
 */
@ApplicationScoped
public class FunnelReport {

    static final String SQL = """
            with stages as (
              select key, pos from unnest($1::text[]) with ordinality as s(key, pos)),
            t as (
              select lt.id, lt.contact_id, lt.to_stage, lt.occurred_at, lt.campaign_id, s.pos,
                     lead(lt.occurred_at) over w as left_at,
                     max(s.pos) over (w rows between 1 following and unbounded following) as later_pos
              from lifecycle_transition lt left join stages s on s.key = lt.to_stage
              where $5::bigint[] is null or lt.contact_id = any($5)
              window w as (partition by lt.contact_id order by lt.occurred_at, lt.id)),
            entries as (
              select t.* from t
              where t.pos is not null
                and ($2::timestamptz is null or t.occurred_at >= $2)
                and ($3::timestamptz is null or t.occurred_at <= $3)
                and ($4::bigint is null or t.campaign_id = $4)),
            entry_stats as (
              select e.to_stage,
                     count(distinct e.contact_id) as entered,
                     count(distinct e.contact_id) filter (where e.later_pos > e.pos) as converted,
                     percentile_cont(0.5) within group (order by extract(epoch from (e.left_at - e.occurred_at)) / 86400.0)
                       filter (where e.left_at is not null) as median_days
              from entries e group by e.to_stage),
            currently as (
              select c.lifecycle_stage, count(*) as n from contact c
              where ($5::bigint[] is null or c.id = any($5))
                and ($4::bigint is null or $4 = (select lt.campaign_id from lifecycle_transition lt where lt.contact_id = c.id
                                                order by lt.occurred_at desc, lt.id desc limit 1))
              group by c.lifecycle_stage)
            select s.key, s.pos, coalesce(cur.n, 0) as contacts, coalesce(es.entered, 0) as entered, es.converted, es.median_days
            from stages s
            left join currently cur on cur.lifecycle_stage = s.key
            left join entry_stats es on es.to_stage = s.key
            order by s.pos""";

    /** @param members contact ids of a segment to restrict to (see the class comment), or null for all contacts */
    public Uni<Funnel> funnel(SqlConnection connection, List<String> stages, OffsetDateTime from, OffsetDateTime to, Long campaignId,
            Long[] members) {
        return connection.preparedQuery(SQL).execute(Tuple.tuple().addArrayOfString(stages.toArray(String[]::new))
                .addOffsetDateTime(from).addOffsetDateTime(to).addLong(campaignId).addArrayOfLong(members)).map(rows -> {
            List<FunnelStage> out = new ArrayList<>();
            for (Row row : rows) {
                boolean last = row.getLong("pos") == stages.size();
                int entered = (int) row.getLong("entered").longValue();
                Long converted = row.getLong("converted");
                Double conversion = last || entered == 0 || converted == null ? null : converted / (double) entered;
                out.add(new FunnelStage(row.getString("key"), (int) row.getLong("contacts").longValue(), entered, conversion,
                        row.getDouble("median_days")));
            }
            return new Funnel(out);
        });
    }
}
