package org.socialcrm.identity;

/**
 * The influence score formula, the only place it lives (explained with examples in docs/influence.md).
 *
 * <pre>
 * reach      = min(1, log10(followers + 1) / 8)          1.0 at 100M followers
 * engagement = min(1, max(0, engagementRate) / 0.10)     engagement rate as a fraction; 1.0 at 10 %
 * growth     = min(1, max(0, growth30d) / 0.20)          30-day follower growth as a fraction; 1.0 at +20 %
 * score      = round2(100 * (0.60 * reach + 0.30 * engagement + 0.10 * growth))
 * </pre>
 *
 * No follower count means no score (null). A missing engagement rate or growth contributes 0. The result is always
 * within [0, 100] and never decreases when any input increases.
 */
public final class InfluenceScore {

    static final double REACH_WEIGHT = 0.60;
    static final double ENGAGEMENT_WEIGHT = 0.30;
    static final double GROWTH_WEIGHT = 0.10;
    /** log10(followers + 1) at which reach saturates (100 million followers). */
    static final double REACH_SATURATION_LOG10 = 8.0;
    /** Engagement rate (fraction) at which engagement saturates. */
    static final double ENGAGEMENT_SATURATION = 0.10;
    /** 30-day relative follower growth at which growth saturates. */
    static final double GROWTH_SATURATION = 0.20;

    private InfluenceScore() {
    }

    /**
     * @param followers      latest follower count, or null when unknown (then the score is null)
     * @param engagementRate latest engagement rate as a fraction (0.035 = 3.5 %), or null
     * @param growth30d      follower growth over the last 30 days as a fraction (0.05 = +5 %), or null
     * @return the score in [0, 100] rounded to two decimals, or null
     */
    public static Double compute(Long followers, Double engagementRate, Double growth30d) {
        if (followers == null) {
            return null;
        }
        double reach = clamp(Math.log10(Math.max(0L, followers) + 1.0) / REACH_SATURATION_LOG10);
        double engagement = engagementRate == null || engagementRate.isNaN() ? 0 : clamp(engagementRate / ENGAGEMENT_SATURATION);
        double growth = growth30d == null || growth30d.isNaN() ? 0 : clamp(growth30d / GROWTH_SATURATION);
        double score = 100.0 * (REACH_WEIGHT * reach + ENGAGEMENT_WEIGHT * engagement + GROWTH_WEIGHT * growth);
        return Math.round(score * 100.0) / 100.0;
    }

    /** Relative growth from {@code base} to {@code latest}; null when it cannot be computed. */
    public static Double growth(Double base, Double latest) {
        if (base == null || latest == null || base <= 0) {
            return null;
        }
        return (latest - base) / base;
    }

    private static double clamp(double value) {
        return value < 0 ? 0 : Math.min(1, value);
    }
}
