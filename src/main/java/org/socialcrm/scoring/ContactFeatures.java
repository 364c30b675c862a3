package org.socialcrm.scoring;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The LOOKALIKE features of every contact of the tenant, in one statement streamed through a cursor: each source
 * (touchpoints per channel, stage history, identities, consent, the latest canvass answers: recordCanvass's, and those
 * imported on CANVASS/PHONE touchpoints) is aggregated once per
 * contact with {@code group by} and hash-joined to the contacts; nothing is queried per contact.
 * <p>
 * Counts enter as ln(1 + n), recency as exp(-days / 30) (1 just now, 0.37 a month ago, 0 never), categories as
 * 0/1 indicators. When the target is a stage, the current stage and having entered the target stage (or a later
 * one) are left out: they would only restate the label.
 */
@ApplicationScoped
public class ContactFeatures {

    /** $1 the target segment's members (or null), $2 the target stage (or null). */
    static final String FEATURES = """
            with touches as (
              select contact_id, jsonb_object_agg(channel, n) as per_channel, max(last_at) as last_at
                from (select contact_id, channel, count(*) as n, max(occurred_at) as last_at
                        from touchpoint group by contact_id, channel) t
               group by contact_id
            ), history as (
              select contact_id, count(*) as moves, array_agg(distinct to_stage) as entered, max(occurred_at) as last_move
                from lifecycle_transition group by contact_id
            ), identities as (
              select contact_id, count(*) as n, array_agg(distinct network) as networks, max(influence_score) as influence,
                     max(followers) as followers, bool_or(is_influencer) as influencer
                from social_identity group by contact_id
            ), consents as (
              select contact_id, array_agg(channel || '=' || status) as consents
                from channel_preference where status <> 'UNKNOWN' group by contact_id
            ), answers as (
              select contact_id, jsonb_object_agg(key, value) as answers
                from (select distinct on (x.contact_id, a.key) x.contact_id, a.key, a.value
                        from (select contact_id, answers, occurred_at, id from canvass where jsonb_typeof(answers) = 'object'
                              union all
                              select contact_id, source -> 'answers', occurred_at, id from touchpoint
                               where channel in ('CANVASS', 'PHONE') and jsonb_typeof(source -> 'answers') = 'object') x
                        cross join lateral jsonb_each(x.answers) a
                       order by x.contact_id, a.key, x.occurred_at desc, x.id desc) latest
               group by contact_id
            )
            select c.id, coalesce(c.id = any($1::bigint[]), c.lifecycle_stage = $2::text, false) as positive,
                   c.lifecycle_stage, c.support_level, c.custom_fields, c.do_not_contact,
                   (extract(epoch from now() - c.created_at) / 86400.0)::float8 as age_days,
                   t.per_channel, (extract(epoch from now() - t.last_at) / 86400.0)::float8 as touch_days,
                   h.moves, h.entered, (extract(epoch from now() - h.last_move) / 86400.0)::float8 as move_days,
                   i.n as identities, i.networks, i.influence, i.followers, i.influencer,
                   cs.consents, a.answers
              from contact c
              left join touches t on t.contact_id = c.id
              left join history h on h.contact_id = c.id
              left join identities i on i.contact_id = c.id
              left join consents cs on cs.contact_id = c.id
              left join answers a on a.contact_id = c.id
             order by c.id
            """;

    /** Text values longer than this are free text, not categories. */
    static final int MAX_CATEGORY_LENGTH = 40;
    static final int FETCH = 1000;

    /** What the model learns against, and which features would restate it. */
    public record Target(Long[] segmentMembers, String stage, Set<String> excludedStages) {
    }

    /** Streams every contact's features into a table. */
    public Uni<FeatureTable> extract(SqlConnection connection, Target target) {
        return customFieldTypes(connection).chain(types -> connection.prepare(FEATURES).chain(statement -> {
            FeatureTable table = new FeatureTable();
            FeatureTable.Builder builder = table.builder();
            return statement.createStream(FETCH, Tuple.of(target.segmentMembers(), target.stage())).toMulti()
                    .invoke(row -> collect(row, target, types, builder))
                    .collect().last()
                    .call(statement::close)
                    .replaceWith(table);
        }));
    }

    private Uni<Map<String, String>> customFieldTypes(SqlConnection connection) {
        return connection.query("select key, type from custom_field").execute().map(rows -> {
            Map<String, String> types = new HashMap<>();
            rows.forEach(row -> types.put(row.getString("key"), row.getString("type")));
            return types;
        });
    }

    static void collect(Row row, Target target, Map<String, String> customTypes, FeatureTable.Builder features) {
        if (target.stage() == null) {
            features.put("stage:" + row.getString("lifecycle_stage"), 1);
        }
        features.put("age", Math.log1p(Math.max(0, row.getDouble("age_days"))));
        if (row.getValue("moves") != null) {
            features.put("lifecycle:moves", Math.log1p(row.getLong("moves")));
            features.put("lifecycle:recency", recency(row.getDouble("move_days")));
            for (String stage : row.getArrayOfStrings("entered")) {
                if (!target.excludedStages().contains(stage)) {
                    features.put("entered:" + stage, 1);
                }
            }
        }
        JsonObject perChannel = row.getJsonObject("per_channel");
        if (perChannel != null) {
            perChannel.forEach(e -> features.put("touches:" + e.getKey(), Math.log1p(((Number) e.getValue()).doubleValue())));
            features.put("touches:recency", recency(row.getDouble("touch_days")));
        }
        if (row.getValue("identities") != null) {
            features.put("identities", Math.log1p(row.getLong("identities")));
            for (String network : row.getArrayOfStrings("networks")) {
                features.put("network:" + network, 1);
            }
            Double influence = row.getDouble("influence");
            features.put("influence", influence == null ? 0 : influence);
            Long followers = row.getLong("followers");
            features.put("followers", followers == null ? 0 : Math.log1p(Math.max(0, followers)));
            features.put("identity:influencer", Boolean.TRUE.equals(row.getBoolean("influencer")) ? 1 : 0);
        }
        if (row.getValue("consents") != null) {
            for (String consent : row.getArrayOfStrings("consents")) {
                features.put("consent:" + consent, 1);
            }
        }
        features.put("doNotContact", Boolean.TRUE.equals(row.getBoolean("do_not_contact")) ? 1 : 0);
        Integer support = row.getInteger("support_level");
        if (support != null) {
            features.put("supportLevel", support);
        }
        JsonObject custom = row.getJsonObject("custom_fields");
        if (custom != null) {
            custom.forEach(e -> {
                String type = customTypes.get(e.getKey());
                if (type != null && !type.equals("TEXT") && !type.equals("DATE")) {
                    value(features, "custom:" + e.getKey(), e.getValue());
                }
            });
        }
        JsonObject answers = row.getJsonObject("answers");
        if (answers != null) {
            answers.forEach(e -> value(features, "answer:" + e.getKey(), e.getValue()));
        }
        features.add(row.getLong("id"), Boolean.TRUE.equals(row.getBoolean("positive")));
    }

    /** Numbers as they are, booleans as 0/1, short texts as indicators (name=value); anything else is left out. */
    private static void value(FeatureTable.Builder features, String name, Object value) {
        if (value instanceof Number number) {
            features.put(name, number.doubleValue());
        } else if (value instanceof Boolean flag) {
            features.put(name, flag ? 1 : 0);
        } else if (value instanceof String text && !text.isBlank() && text.length() <= MAX_CATEGORY_LENGTH) {
            features.put(name + "=" + text.trim(), 1);
        }
    }

    private static double recency(Double days) {
        return days == null ? 0 : Math.exp(-Math.max(0, days) / 30.0);
    }

    /** The stages a target stage excludes from the features: itself and every stage after it. */
    public static Set<String> stagesFrom(List<String> stages, String target) {
        int at = stages.indexOf(target);
        return at < 0 ? Set.of(target) : Set.copyOf(stages.subList(at, stages.size()));
    }
}
