package org.socialcrm.identity;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@Enum("InfluencerTier")
@Description("Industry follower tiers: NANO <10k, MICRO 10k-100k, MID 100k-500k, MACRO 500k-1M, MEGA >1M.")
public enum InfluencerTier {
    NANO(0, 10_000L), MICRO(10_000L, 100_000L), MID(100_000L, 500_000L), MACRO(500_000L, 1_000_000L),
    MEGA(1_000_000L, Long.MAX_VALUE);

    /** Inclusive lower bound of followers. */
    public final long minFollowers;
    /** Exclusive upper bound of followers. */
    public final long maxFollowers;

    InfluencerTier(long minFollowers, long maxFollowers) {
        this.minFollowers = minFollowers;
        this.maxFollowers = maxFollowers;
    }

    /** The tier of a follower count; null when the count is unknown. */
    public static InfluencerTier of(Long followers) {
        if (followers == null) {
            return null;
        }
        for (InfluencerTier tier : values()) {
            if (followers < tier.maxFollowers) {
                return tier;
            }
        }
        return MEGA;
    }
}
