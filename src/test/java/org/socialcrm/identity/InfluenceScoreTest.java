package org.socialcrm.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.socialcrm.common.BadUserInputException;

/** The influence formula, follower tiers, handle and topic normalisation: pure functions, no Quarkus. */
class InfluenceScoreTest {

    @Test
    void boundsAreZeroAndHundred() {
        assertEquals(0.0, InfluenceScore.compute(0L, 0.0, 0.0));
        assertEquals(0.0, InfluenceScore.compute(0L, null, null));
        assertEquals(0.0, InfluenceScore.compute(0L, -0.5, -0.9), "negative inputs never go below 0");
        assertEquals(100.0, InfluenceScore.compute(100_000_000L, 0.10, 0.20));
        assertEquals(100.0, InfluenceScore.compute(Long.MAX_VALUE, 5.0, 10.0), "saturated inputs never exceed 100");
        assertNull(InfluenceScore.compute(null, 0.05, 0.1), "no follower count, no score");
    }

    @Test
    void documentedExamples() {
        // docs/influence.md: 10k followers, 3 % engagement, +5 % in 30 days
        assertEquals(41.5, InfluenceScore.compute(10_000L, 0.03, 0.05));
        // 1M followers, 1 % engagement, no growth
        assertEquals(48.0, InfluenceScore.compute(1_000_000L, 0.01, null));
        // 500 followers, 8 % engagement, +20 % growth
        assertEquals(54.25, InfluenceScore.compute(500L, 0.08, 0.20));
    }

    @Test
    void neverDecreasesWhenAnInputIncreases() {
        long[] followers = { 0, 1, 9, 100, 9_999, 10_000, 250_000, 1_000_000, 50_000_000, 100_000_000, 1_000_000_000 };
        double[] rates = { -0.1, 0, 0.001, 0.02, 0.05, 0.1, 0.5 };
        double[] growths = { -0.5, 0, 0.01, 0.1, 0.2, 3 };
        for (double rate : rates) {
            for (double growth : growths) {
                double previous = -1;
                for (long f : followers) {
                    double score = InfluenceScore.compute(f, rate, growth);
                    assertTrue(score >= previous, "followers " + f);
                    assertTrue(score >= 0 && score <= 100);
                    previous = score;
                }
            }
        }
        for (long f : followers) {
            double previous = -1;
            for (double rate : rates) {
                double score = InfluenceScore.compute(f, rate, 0.05);
                assertTrue(score >= previous, "rate " + rate);
                previous = score;
            }
            previous = -1;
            for (double growth : growths) {
                double score = InfluenceScore.compute(f, 0.03, growth);
                assertTrue(score >= previous, "growth " + growth);
                previous = score;
            }
        }
        assertTrue(InfluenceScore.compute(20_000L, 0.03, 0.0) > InfluenceScore.compute(10_000L, 0.03, 0.0));
    }

    @Test
    void growthIsRelativeAndNeedsAPositiveBase() {
        assertEquals(0.25, InfluenceScore.growth(800.0, 1000.0));
        assertEquals(-0.5, InfluenceScore.growth(1000.0, 500.0));
        assertNull(InfluenceScore.growth(0.0, 10.0));
        assertNull(InfluenceScore.growth(null, 10.0));
    }

    @Test
    void tiersFollowIndustryThresholds() {
        assertNull(InfluencerTier.of(null));
        assertEquals(InfluencerTier.NANO, InfluencerTier.of(0L));
        assertEquals(InfluencerTier.NANO, InfluencerTier.of(9_999L));
        assertEquals(InfluencerTier.MICRO, InfluencerTier.of(10_000L));
        assertEquals(InfluencerTier.MICRO, InfluencerTier.of(99_999L));
        assertEquals(InfluencerTier.MID, InfluencerTier.of(100_000L));
        assertEquals(InfluencerTier.MACRO, InfluencerTier.of(500_000L));
        assertEquals(InfluencerTier.MACRO, InfluencerTier.of(999_999L));
        assertEquals(InfluencerTier.MEGA, InfluencerTier.of(1_000_000L));
    }

    @Test
    void handlesAndTopicsAreNormalised() {
        assertEquals("maya.lopez", Handles.normalize("  @Maya.Lopez "));
        assertEquals("maya", Handles.normalize("maya"));
        assertEquals("", Handles.normalize(" @ "));
        assertThrows(BadUserInputException.class, () -> Handles.require("@"));
        assertEquals(List.of("beauty", "skincare"), Topics.normalize(List.of(" Beauty", "SKINCARE ", "beauty")));
        assertThrows(BadUserInputException.class, () -> Topics.normalize(List.of(" ")));
        List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add("t" + i);
        }
        assertThrows(BadUserInputException.class, () -> Topics.normalize(many));
        many.remove(20);
        many.add("T0");
        assertEquals(20, Topics.normalize(many).size(), "duplicates count once");
    }
}
