package org.socialcrm.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The turf cutter on its own (no database): coverage, the cap, compactness and walking order, each with a measurable
 * criterion.
 */
class TurfCutterTest {

    private static final int MAX_DOORS = 60;

    /** A city-sized spread (about 6 x 6 km) with a denser neighbourhood, plus households known only by postal code. */
    static List<Door> households(int located, int unlocated, long seed) {
        Random random = new Random(seed);
        List<Door> doors = new ArrayList<>();
        for (int i = 0; i < located; i++) {
            boolean dense = i % 3 == 0;
            double lat = dense ? 52.50 + random.nextGaussian() * 0.004 : 52.48 + random.nextDouble() * 0.055;
            double lon = dense ? 13.40 + random.nextGaussian() * 0.006 : 13.36 + random.nextDouble() * 0.09;
            doors.add(new Door("k" + i, lat, lon, "10" + (i % 7), "street " + i, new long[] { i }));
        }
        for (int i = 0; i < unlocated; i++) {
            doors.add(new Door("u" + i, null, null, "20" + (i % 3), "road " + (i % 17), new long[] { 100_000L + i, 200_000L + i }));
        }
        return doors;
    }

    @Test
    void everyHouseholdIsInExactlyOneTurfAndNoTurfHasMoreThanMaxDoors() {
        List<Door> doors = households(3001, 130, 7);
        List<TurfCutter.Cut> cuts = TurfCutter.cut(doors, MAX_DOORS);
        Set<String> seen = new HashSet<>();
        for (TurfCutter.Cut cut : cuts) {
            assertTrue(cut.stops().size() <= MAX_DOORS, "a turf of " + cut.stops().size() + " doors");
            assertTrue(!cut.stops().isEmpty(), "an empty turf");
            cut.stops().forEach(door -> assertTrue(seen.add(door.key()), door.key() + " in two turfs"));
        }
        assertEquals(doors.size(), seen.size());
        // the fewest turfs that can hold them: 3001 located -> 51, and per postal code (3 codes of 43-44) one each
        assertEquals(51 + 3, cuts.size());
    }

    @Test
    void householdsWithoutCoordinatesAreGroupedByPostalCode() {
        List<TurfCutter.Cut> cuts = TurfCutter.cut(households(0, 400, 3), 50);
        for (TurfCutter.Cut cut : cuts) {
            assertEquals(1, cut.stops().stream().map(Door::postalCode).distinct().count(), "one postal code per turf");
        }
        assertEquals(9, cuts.size()); // 3 codes of 133-134 households: 3 turfs each
    }

    /**
     * Compact: every household is closer to its own turf's centroid than to the centroids of at least 90% of the other
     * turfs (measured in metres on the projection the cutter uses).
     */
    @Test
    void everyHouseholdIsCloserToItsOwnTurfsCentreThanToNinetyPercentOfTheOthers() {
        List<TurfCutter.Cut> cuts = TurfCutter.cut(households(6000, 0, 11), MAX_DOORS);
        int turfs = cuts.size();
        double[][] centres = new double[turfs][];
        for (int t = 0; t < turfs; t++) {
            centres[t] = centroid(cuts.get(t).stops());
        }
        double worst = 0;
        for (int t = 0; t < turfs; t++) {
            for (Door door : cuts.get(t).stops()) {
                double[] p = Geo.project(door.latitude(), door.longitude(), 52.5);
                double own = distance(p, centres[t]);
                int closer = 0;
                for (int o = 0; o < turfs; o++) {
                    if (o != t && distance(p, centres[o]) < own) {
                        closer++;
                    }
                }
                worst = Math.max(worst, (double) closer / (turfs - 1));
            }
        }
        assertTrue(worst <= 0.10, "a household is closer to " + Math.round(worst * 100) + "% of the other turfs' centres than to its own");
    }

    /** The walking order is shorter than half of a random order of the same stops, turf by turf. */
    @Test
    void theWalkingOrderIsLessThanHalfOfARandomOrder() {
        Random random = new Random(5);
        for (TurfCutter.Cut cut : TurfCutter.cut(households(1200, 0, 13), MAX_DOORS)) {
            double walk = 0;
            for (int i = 1; i < cut.stops().size(); i++) {
                walk += cut.metersFromPrevious()[i];
            }
            double randomWalk = 0;
            for (int trial = 0; trial < 20; trial++) {
                List<Door> shuffled = new ArrayList<>(cut.stops());
                java.util.Collections.shuffle(shuffled, random);
                for (int i = 1; i < shuffled.size(); i++) {
                    randomWalk += Geo.haversineMeters(shuffled.get(i - 1).latitude(), shuffled.get(i - 1).longitude(),
                            shuffled.get(i).latitude(), shuffled.get(i).longitude()) / 20;
                }
            }
            assertTrue(walk < 0.5 * randomWalk, "walk " + Math.round(walk) + " m against random " + Math.round(randomWalk) + " m");
        }
    }

    @Test
    void metresBetweenStopsAreHaversineDistancesAndTheFirstStopHasNone() {
        TurfCutter.Cut cut = TurfCutter.cut(List.of(new Door("a", 52.5, 13.4, "1", "a", new long[] { 1 }),
                new Door("b", 52.501, 13.4, "1", "b", new long[] { 2 })), 10).get(0);
        assertEquals(null, cut.metersFromPrevious()[0]);
        assertEquals(111.2, cut.metersFromPrevious()[1], 0.1); // 0.001 degree of latitude
    }

    private static double[] centroid(List<Door> stops) {
        double x = 0;
        double y = 0;
        for (Door door : stops) {
            double[] p = Geo.project(door.latitude(), door.longitude(), 52.5);
            x += p[0] / stops.size();
            y += p[1] / stops.size();
        }
        return new double[] { x, y };
    }

    private static double distance(double[] a, double[] b) {
        return Math.hypot(a[0] - b[0], a[1] - b[1]);
    }
}
