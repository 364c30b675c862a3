package org.socialcrm.campaign;

import org.socialcrm.common.Channel;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.Ids;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Attribution and influencer impact as set-based SQL: conversions are joined to the contact's touchpoints in the
 * lookback window, window functions number and count the touches of each conversion, the model turns position
 * (or age) into credit, and the credits are grouped. No journey is walked in Java.
 */
@ApplicationScoped
public class AttributionRepository {

    /**
     * Conversions: explicit conversion rows in [from, to] (only those with stage = conversionStage when given), plus,
     * when conversionStage is given, lifecycle transitions into that stage in [from, to] (without value). A
     * conversion without any touchpoint in its lookback (restricted to the campaign when given) gets no credit and
     * is not counted. A day is 24 hours (lookback and ages do not depend on the session's time zone).
     */
    static final String ATTRIBUTION = """
            with conv as (
              select 'c' || id as key, contact_id, occurred_at, coalesce(value, 0)::float8 as value
                from conversion
               where ($1::timestamptz is null or occurred_at >= $1::timestamptz)
                 and ($2::timestamptz is null or occurred_at <= $2::timestamptz)
                 and ($3::text is null or stage = $3::text)
              union all
              select 'l' || id, contact_id, occurred_at, 0::float8
                from lifecycle_transition
               where $3::text is not null and to_stage = $3::text
                 and ($1::timestamptz is null or occurred_at >= $1::timestamptz)
                 and ($2::timestamptz is null or occurred_at <= $2::timestamptz)
            ),
            journey as (
              select cv.key, cv.value, t.id as touch_id, t.campaign_id, t.channel, t.influencer_identity_id,
                     (extract(epoch from cv.occurred_at - t.occurred_at) / 86400.0)::float8 as age_days,
                     row_number() over (partition by cv.key order by t.occurred_at, t.id) as pos,
                     count(*) over (partition by cv.key) as n
                from conv cv
                join touchpoint t on t.contact_id = cv.contact_id
                 and t.occurred_at <= cv.occurred_at
                 and t.occurred_at >= cv.occurred_at - make_interval(hours => $4::int * 24)
                 and ($5::bigint is null or t.campaign_id = $5::bigint)
            ),
            weighted as (
              -- 2^(-age/halfLife), taken relative to the conversion's latest touch (the normalised shares are the
              -- same) and floored at 2^-1000 so that no weight underflows
              select j.*, power(2::float8, greatest(-(age_days - min(age_days) over (partition by key)) / $6::float8,
                     -1000::float8)) as w
                from journey j
            ),
            credited as (
              select key, value, touch_id, campaign_id, channel, influencer_identity_id,
                     (case $7::text
                        when 'FIRST_TOUCH' then case when pos = 1 then 1 else 0 end
                        when 'LAST_TOUCH' then case when pos = n then 1 else 0 end
                        when 'LINEAR' then 1::float8 / n
                        when 'TIME_DECAY' then w / sum(w) over (partition by key)
                        else case when n = 1 then 1 when n = 2 then 0.5 when pos = 1 or pos = n then 0.4
                                  else 0.2::float8 / (n - 2) end
                      end)::float8 as credit
                from weighted
            ),
            totals as (
              select count(*) as conversions, coalesce(sum(value), 0)::float8 as value
                from (select distinct key, value from credited) d
            ),
            grouped as (
              select campaign_id, channel, influencer_identity_id, sum(credit) as conversions,
                     sum(credit * value) as value, count(distinct touch_id) filter (where credit > 0) as touchpoints
                from credited
               group by campaign_id, channel, influencer_identity_id
              having sum(credit) > 0
            )
            select g.campaign_id, g.channel, g.influencer_identity_id, g.conversions, g.value, g.touchpoints,
                   tt.conversions as total_conversions, tt.value as total_value
              from totals tt left join grouped g on true
             order by g.conversions desc nulls last, g.campaign_id nulls last, g.channel, g.influencer_identity_id nulls last
            """;

    /**
     * Moves into toStage (optionally from fromStage) in [from, to]; for each, the contact's touchpoints that carry an
     * influencer identity in the 90 days up to the move get position-based credit (40/20/40; one touch 100%, two
     * 50/50). Per influencer: distinct contacts moved, summed credit, and the median over its moves of the days
     * between its last touch and the move.
     */
    static final String IMPACT = """
            with moves as (
              select id, contact_id, occurred_at
                from lifecycle_transition
               where to_stage = $1::text and ($2::text is null or from_stage = $2::text)
                 and ($3::timestamptz is null or occurred_at >= $3::timestamptz)
                 and ($4::timestamptz is null or occurred_at <= $4::timestamptz)
                 and ($6::bigint[] is null or contact_id = any($6::bigint[]))
            ),
            journey as (
              select m.id as move_id, m.contact_id, m.occurred_at as moved_at, t.influencer_identity_id as influencer,
                     t.occurred_at,
                     row_number() over (partition by m.id order by t.occurred_at, t.id) as pos,
                     count(*) over (partition by m.id) as n
                from moves m
                join touchpoint t on t.contact_id = m.contact_id and t.influencer_identity_id is not null
                 and t.occurred_at <= m.occurred_at and t.occurred_at >= m.occurred_at - interval '2160 hours'
            ),
            per_move as (
              select influencer, move_id, contact_id,
                     sum(case when n = 1 then 1 when n = 2 then 0.5 when pos = 1 or pos = n then 0.4
                              else 0.2::float8 / (n - 2) end)::float8 as credit,
                     (extract(epoch from min(moved_at) - max(occurred_at)) / 86400.0)::float8 as days
                from journey
               group by influencer, move_id, contact_id
            )
            select influencer, count(distinct contact_id) as contacts_moved, sum(credit) as credit,
                   percentile_cont(0.5) within group (order by days) as median_days
              from per_move
             group by influencer
             order by credit desc, influencer
             limit $5
            """;

    public Uni<AttributionReport> attribution(SqlConnection connection, AttributionModel model, Long campaignId,
            OffsetDateTime from, OffsetDateTime to, String conversionStage, int lookbackDays, double halfLifeDays) {
        Tuple params = Tuple.tuple().addOffsetDateTime(from).addOffsetDateTime(to).addString(conversionStage)
                .addInteger(lookbackDays).addLong(campaignId).addDouble(halfLifeDays).addString(model.name());
        return connection.preparedQuery(ATTRIBUTION).execute(params).map(rows -> {
            List<AttributionRow> out = new ArrayList<>();
            int total = 0;
            double totalValue = 0;
            for (Row row : rows) {
                total = row.getLong("total_conversions").intValue();
                totalValue = row.getDouble("total_value");
                if (row.getString("channel") == null) {
                    continue; // no credited conversion at all
                }
                Long identity = row.getLong("influencer_identity_id");
                out.add(new AttributionRow(Channel.parse(row.getString("channel")), identity == null ? null : Ids.of(identity),
                        row.getDouble("conversions"), row.getDouble("value"), row.getLong("touchpoints").intValue(),
                        row.getLong("campaign_id")));
            }
            return new AttributionReport(model, total, totalValue, out);
        });
    }

    public Uni<List<InfluencerImpact>> influencerImpact(SqlConnection connection, String toStage, String fromStage,
            OffsetDateTime from, OffsetDateTime to, int first, Long[] segmentContacts) {
        Tuple params = Tuple.tuple().addString(toStage).addString(fromStage).addOffsetDateTime(from).addOffsetDateTime(to)
                .addInteger(first).addValue(segmentContacts);
        return connection.preparedQuery(IMPACT).execute(params).map(rows -> {
            List<InfluencerImpact> out = new ArrayList<>();
            for (Row row : rows) {
                out.add(new InfluencerImpact(Ids.of(row.getLong("influencer")), row.getLong("contacts_moved").intValue(),
                        row.getDouble("credit"), row.getDouble("median_days")));
            }
            return out;
        });
    }
}
