package org.socialcrm.campaign;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Influencer lift as one statement (docs/influence.md): who was exposed, in which stage and week, who of them moved;
 * and, per stage and week, how many comparable contacts (eligible at the start of that week, same segment, touched
 * by no influencer in the window) moved. {@link LiftEstimate} turns the per-stratum counts into rates and an interval.
 */
@ApplicationScoped
public class InfluencerLiftRepository {

    /**
     * $1 toStage, $2 the eligible stages (fromStage or earlier, before toStage), $3/$4 the window of the touches,
     * $5 lookback days, $6 segment members (or null), $7 campaign (or null). A contact's stage at a time is the stage
     * of its last transition up to then, the first transition's from_stage before that, or its current stage when it
     * never moved. A day is 24 hours and weeks start on Monday, UTC.
     */
    static final String STRATA = """
            with members as (
              select id from contact where $6::bigint[] is null or id = any($6::bigint[])
            ), intervals as (
              select contact_id, to_stage as stage, occurred_at as since,
                     lead(occurred_at) over (partition by contact_id order by occurred_at, id) as until
                from lifecycle_transition
              union all
              (select distinct on (contact_id) contact_id, from_stage, '-infinity'::timestamptz, occurred_at
                 from lifecycle_transition order by contact_id, occurred_at, id)
              union all
              select c.id, c.lifecycle_stage, '-infinity'::timestamptz, null
                from contact c where not exists (select 1 from lifecycle_transition t where t.contact_id = c.id)
            ), eligible as (
              select i.* from intervals i join members m on m.id = i.contact_id
               where i.stage = any($2::text[])
            ), touches as (
              select t.contact_id, t.influencer_identity_id as influencer, t.occurred_at, t.campaign_id
                from touchpoint t join members m on m.id = t.contact_id
               where t.influencer_identity_id is not null
                 and ($3::timestamptz is null or t.occurred_at >= $3::timestamptz)
                 and ($4::timestamptz is null or t.occurred_at <= $4::timestamptz)
            ), touched as (
              select distinct contact_id from touches
            ), exposures as (
              select distinct on (t.contact_id, t.influencer) t.contact_id, t.influencer, t.occurred_at as at, e.stage
                from touches t
                join eligible e on e.contact_id = t.contact_id and t.occurred_at >= e.since
                 and (e.until is null or t.occurred_at < e.until)
               where $7::bigint is null or t.campaign_id = $7::bigint
               order by t.contact_id, t.influencer, t.occurred_at
            ), arrivals as (
              select contact_id, occurred_at from lifecycle_transition where to_stage = $1::text
            ), exposed as (
              select x.influencer, x.stage, date_trunc('week', x.at, 'UTC') as week,
                     exists (select 1 from arrivals a where a.contact_id = x.contact_id and a.occurred_at > x.at
                              and a.occurred_at <= x.at + make_interval(hours => $5::int * 24)) as moved
                from exposures x
            ), weeks as (
              select distinct week from exposed
            ), panel as (
              select e.contact_id, e.stage, w.week,
                     exists (select 1 from arrivals a where a.contact_id = e.contact_id and a.occurred_at > w.week
                              and a.occurred_at <= w.week + make_interval(hours => $5::int * 24)) as moved
                from weeks w
                join eligible e on w.week >= e.since and (e.until is null or w.week < e.until)
               where not exists (select 1 from touched t where t.contact_id = e.contact_id)
            ), strata as (
              select stage, week, count(*) as n, count(*) filter (where moved) as y from panel group by stage, week
            ), exposed_strata as (
              select influencer, stage, week, count(*) as n, count(*) filter (where moved) as y
                from exposed group by influencer, stage, week
            )
            select x.influencer, x.n as exposed, x.y as exposed_moved,
                   coalesce(s.n, 0) as comparable, coalesce(s.y, 0) as comparable_moved
              from exposed_strata x
              left join strata s on s.stage = x.stage and s.week = x.week
             order by x.influencer, x.week, x.stage
            """;

    public Uni<List<InfluencerLift>> lift(SqlConnection connection, String toStage, List<String> eligibleStages,
            OffsetDateTime from, OffsetDateTime to, int lookbackDays, Long[] segmentContacts, Long campaignId, int first) {
        Tuple params = Tuple.tuple().addString(toStage).addArrayOfString(eligibleStages.toArray(String[]::new))
                .addOffsetDateTime(from).addOffsetDateTime(to).addInteger(lookbackDays).addValue(segmentContacts)
                .addLong(campaignId);
        return connection.preparedQuery(STRATA).execute(params).map(rows -> {
            Map<Long, List<LiftEstimate.Stratum>> byInfluencer = new LinkedHashMap<>();
            for (Row row : rows) {
                byInfluencer.computeIfAbsent(row.getLong("influencer"), i -> new ArrayList<>())
                        .add(new LiftEstimate.Stratum(row.getLong("exposed"), row.getLong("exposed_moved"),
                                row.getLong("comparable"), row.getLong("comparable_moved")));
            }
            return byInfluencer.entrySet().stream().map(e -> LiftEstimate.of(e.getKey(), e.getValue()))
                    .filter(Objects::nonNull)
                    .sorted(Comparator.comparingDouble(InfluencerLift::incrementalMoves).reversed()
                            .thenComparing(Comparator.comparingInt(InfluencerLift::exposed).reversed())
                            .thenComparingLong(InfluencerLift::influencerId))
                    .limit(first).toList();
        });
    }
}
