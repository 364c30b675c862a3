package org.socialcrm.campaign;

import java.util.List;

/**
 * The arithmetic of influencer lift, from per-stratum counts (a stratum: the stage a contact was in and the week of
 * the exposure). The baseline is the unexposed rate of each stratum weighted by the exposed contacts in it (direct
 * standardisation to the exposed), so an influencer who touched mostly late-stage contacts is compared with
 * late-stage contacts. Strata without any comparable contact are left out, their exposed contacts too.
 * <p>
 * The 95% interval is a Wald interval for the difference, with each rate's variance taken at Agresti-Caffo's
 * adjusted proportion (y + 1) / (n + 2), so that a rate of 0 or 1 does not give a zero-width interval.
 */
final class LiftEstimate {

    static final double Z95 = 1.959963984540054;

    /** Exposed and comparable (unexposed) contacts of one stratum, and how many of each moved. */
    record Stratum(long exposed, long exposedMoved, long comparable, long comparableMoved) {
    }

    private LiftEstimate() {
    }

    /** Null when no stratum has a comparable contact (nothing to compare with). */
    static InfluencerLift of(long influencerId, List<Stratum> strata) {
        long exposed = 0;
        long moved = 0;
        double baseline = 0;
        double baselineVariance = 0;
        for (Stratum s : strata) {
            if (s.comparable() <= 0 || s.exposed() <= 0) {
                continue;
            }
            exposed += s.exposed();
            moved += s.exposedMoved();
        }
        if (exposed == 0) {
            return null;
        }
        for (Stratum s : strata) {
            if (s.comparable() <= 0 || s.exposed() <= 0) {
                continue;
            }
            double weight = (double) s.exposed() / exposed;
            baseline += weight * s.comparableMoved() / s.comparable();
            double adjusted = (s.comparableMoved() + 1.0) / (s.comparable() + 2.0);
            baselineVariance += weight * weight * adjusted * (1 - adjusted) / s.comparable();
        }
        double rate = (double) moved / exposed;
        double adjusted = (moved + 1.0) / (exposed + 2.0);
        double exposedVariance = adjusted * (1 - adjusted) / exposed;
        double lift = rate - baseline;
        double half = Z95 * Math.sqrt(exposedVariance + baselineVariance);
        return new InfluencerLift(influencerId, (int) exposed, rate, baseline, lift, Math.max(-1, lift - half),
                Math.min(1, lift + half), exposed * lift);
    }
}
