package org.socialcrm.identity;

import java.time.OffsetDateTime;
import java.util.List;

import org.socialcrm.common.Network;
import org.socialcrm.graphql.Column;
import org.socialcrm.graphql.RowType;

/**
 * The social_identity table, described once: the row mapper ({@link IdentityRows}) and the compiled reads
 * ({@link SocialIdentityShape}) are derived from these columns.
 */
public final class SocialIdentityTable {

    public static final String TABLE = "social_identity";

    public static final Column<String> ID = Column.id("id", "id");
    public static final Column<Long> CONTACT_ID = Column.bigint("contact_id");
    public static final Column<Network> NETWORK = Column.enumerated("network", "network", Network.class).ordering();
    public static final Column<String> HANDLE = Column.text("handle", "handle");
    public static final Column<String> EXTERNAL_ID = Column.text("external_id", "externalId");
    public static final Column<String> PROFILE_URL = Column.text("profile_url", "profileUrl");
    public static final Column<Boolean> VERIFIED = Column.bool("verified", "verified");
    public static final Column<Boolean> IS_INFLUENCER = Column.bool("is_influencer", "isInfluencer");
    public static final Column<List<String>> TOPICS = Column.textArray("topics", "topics");
    public static final Column<Integer> FOLLOWERS = Column.int32("followers", "followers");
    public static final Column<Integer> FOLLOWING = Column.int32("following", "following");
    public static final Column<Integer> POSTS = Column.int32("posts", "posts");
    public static final Column<Double> ENGAGEMENT_RATE = Column.decimal("engagement_rate", "engagementRate");
    public static final Column<Double> INFLUENCE_SCORE = Column.decimal("influence_score", "influenceScore").ordering();
    public static final Column<OffsetDateTime> LAST_SYNCED_AT = Column.dateTime("last_synced_at", "lastSyncedAt");

    public static final RowType SOCIAL_IDENTITY = new RowType("SocialIdentity", ID, CONTACT_ID, NETWORK, HANDLE, EXTERNAL_ID,
            PROFILE_URL, VERIFIED, IS_INFLUENCER, TOPICS, FOLLOWERS, FOLLOWING, POSTS, ENGAGEMENT_RATE, INFLUENCE_SCORE,
            LAST_SYNCED_AT);

    private SocialIdentityTable() {
    }
}
