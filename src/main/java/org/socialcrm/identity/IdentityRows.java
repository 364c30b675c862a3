package org.socialcrm.identity;

import java.util.Arrays;
import java.util.List;

import org.socialcrm.common.Ids;
import org.socialcrm.common.Network;

import io.vertx.mutiny.sqlclient.Row;

/** Maps social_identity rows to the API type. */
final class IdentityRows {

    private IdentityRows() {
    }

    static SocialIdentity toIdentity(Row row) {
        String[] topics = row.getArrayOfStrings("topics");
        Long followers = row.getLong("followers");
        return new SocialIdentity(Ids.of(row.getLong("id")), row.getLong("contact_id"), Network.valueOf(row.getString("network")),
                row.getString("handle"), row.getString("external_id"), row.getString("profile_url"),
                row.getBoolean("verified"), row.getBoolean("is_influencer"),
                topics == null ? List.of() : Arrays.asList(topics), toInt(followers), toInt(row.getLong("following")),
                toInt(row.getLong("posts")), row.getDouble("engagement_rate"), row.getDouble("influence_score"),
                InfluencerTier.of(followers), row.getOffsetDateTime("last_synced_at"));
    }

    /** GraphQL Int is 32-bit: counts beyond it are capped rather than failing the whole response. */
    static Integer toInt(Long value) {
        return value == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }
}
