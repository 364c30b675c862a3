package org.socialcrm.connector;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts read from a profile. Null means the network did not give it (hidden subscriber count, missing field); the
 * snapshot then keeps its previous value and no point is written. {@code extra} holds further metrics
 * (listed, likes, views, engagement) by metric name.
 */
public record ProfileMetrics(Long followers, Long following, Long posts, Map<String, Double> extra) {

    public ProfileMetrics {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /** All metric points of this profile, by metric name. */
    public Map<String, Double> points() {
        Map<String, Double> out = new LinkedHashMap<>();
        if (followers != null) {
            out.put("followers", followers.doubleValue());
        }
        if (following != null) {
            out.put("following", following.doubleValue());
        }
        if (posts != null) {
            out.put("posts", posts.doubleValue());
        }
        out.putAll(extra);
        return out;
    }
}
