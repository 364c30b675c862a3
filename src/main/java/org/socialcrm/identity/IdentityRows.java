package org.socialcrm.identity;

import static org.socialcrm.identity.SocialIdentityTable.*;

import io.vertx.mutiny.sqlclient.Row;

/** Maps social_identity rows to the API type, column by column as {@link SocialIdentityTable} reads them. */
final class IdentityRows {

    private IdentityRows() {
    }

    static SocialIdentity toIdentity(Row row) {
        return new SocialIdentity(ID.read(row), CONTACT_ID.read(row), NETWORK.read(row), HANDLE.read(row), EXTERNAL_ID.read(row),
                PROFILE_URL.read(row), VERIFIED.read(row), IS_INFLUENCER.read(row), TOPICS.read(row), FOLLOWERS.read(row),
                FOLLOWING.read(row), POSTS.read(row), ENGAGEMENT_RATE.read(row), INFLUENCE_SCORE.read(row),
                InfluencerTier.of(row.getLong(FOLLOWERS.name())), LAST_SYNCED_AT.read(row));
    }
}
