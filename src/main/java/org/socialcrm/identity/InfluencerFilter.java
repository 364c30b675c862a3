package org.socialcrm.identity;

import java.util.ArrayList;
import java.util.List;

import org.socialcrm.common.Cursor;
import org.socialcrm.common.Network;

import io.vertx.mutiny.sqlclient.Tuple;

/** The filter of an influencer roster query, as SQL conditions over social_identity {@code s}. */
public final class InfluencerFilter {

    public static final String CURSOR_KIND = "inf";
    private static final String SORT_KEY = "coalesce(s.influence_score, -1)";

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    public InfluencerFilter(Network network, Double minScore, String topic, InfluencerTier tier) {
        conditions.add("s.is_influencer");
        if (network != null) {
            add("s.network = ?", network.name());
        }
        if (minScore != null) {
            add("s.influence_score >= ?", minScore);
        }
        if (topic != null) {
            add("s.topics @> array[?::text]", Topics.normalize(topic));
        }
        if (tier != null) {
            add("s.followers >= ?", tier.minFollowers);
            if (tier.maxFollowers != Long.MAX_VALUE) {
                add("s.followers < ?", tier.maxFollowers);
            }
        }
    }

    private void add(String condition, Object value) {
        params.add(value);
        conditions.add(condition.replace("?", "$" + params.size()));
    }

    public Statement page(Cursor after, int limit) {
        List<Object> values = new ArrayList<>(params);
        List<String> all = new ArrayList<>(conditions);
        if (after != null) {
            values.add(Double.parseDouble(after.sortKey()));
            values.add(after.id());
            all.add("(" + SORT_KEY + ", s.id) < ($" + (values.size() - 1) + "::float8, $" + values.size() + ")");
        }
        // the limit in the text, not bound: see ContactQuery.page (a generic plan of "limit $n" is costed for a tenth of the rows)
        return new Statement("select s.*, " + SORT_KEY + " as sort_key from social_identity s where " + String.join(" and ", all)
                + " order by " + SORT_KEY + " desc, s.id desc limit " + Math.addExact(limit, 1), Tuple.from(values));
    }

    public Statement count() {
        return new Statement("select count(*) from social_identity s where " + String.join(" and ", conditions), Tuple.from(params));
    }

    public record Statement(String sql, Tuple params) {
    }
}
