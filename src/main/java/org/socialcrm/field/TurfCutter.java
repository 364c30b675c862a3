package org.socialcrm.field;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cuts households into turfs of at most {@code maxDoors} doors. Located households: recursive bisection (a k-d split)
 * of the fewest turfs that can hold them, each cut across the longer side of the group's bounding box at the count
 * that keeps both halves within their share of turfs, so turfs are compact, balanced and never over the cap. Each turf
 * is walked in {@link WalkOrder}. Households without coordinates: grouped by postal code, in street order, cut into
 * even chunks.
 */
final class TurfCutter {

    /** One turf: its doors in walking order, and the metres from each stop to the one before (null for the first). */
    record Cut(List<Door> stops, Double[] metersFromPrevious) {
    }

    private TurfCutter() {
    }

    static List<Cut> cut(List<Door> doors, int maxDoors) {
        List<Cut> turfs = new ArrayList<>();
        List<Door> located = doors.stream().filter(Door::located).toList();
        if (!located.isEmpty()) {
            double originLatitude = located.stream().mapToDouble(Door::latitude).average().orElse(0);
            double[] x = new double[located.size()];
            double[] y = new double[located.size()];
            for (int i = 0; i < located.size(); i++) {
                double[] p = Geo.project(located.get(i).latitude(), located.get(i).longitude(), originLatitude);
                x[i] = p[0];
                y[i] = p[1];
            }
            Integer[] indexes = new Integer[located.size()];
            Arrays.setAll(indexes, i -> i);
            bisect(indexes, 0, indexes.length, turfsFor(indexes.length, maxDoors), x, y, group -> turfs.add(walk(group, located, x, y)));
        }
        Map<String, List<Door>> byPostalCode = new TreeMap<>();
        doors.stream().filter(d -> !d.located())
                .forEach(d -> byPostalCode.computeIfAbsent(d.postalCode() == null ? "" : d.postalCode(), k -> new ArrayList<>()).add(d));
        for (List<Door> group : byPostalCode.values()) {
            group.sort(Comparator.comparing((Door d) -> d.street() == null ? "" : d.street()).thenComparing(Door::key));
            int count = turfsFor(group.size(), maxDoors);
            for (int t = 0; t < count; t++) {
                List<Door> stops = group.subList((int) ((long) group.size() * t / count), (int) ((long) group.size() * (t + 1) / count));
                turfs.add(new Cut(List.copyOf(stops), new Double[stops.size()]));
            }
        }
        return turfs;
    }

    private static int turfsFor(int households, int maxDoors) {
        return (households + maxDoors - 1) / maxDoors;
    }

    /** Splits indexes[from, to) into {@code turfs} groups; invariant: to - from <= turfs * maxDoors and >= turfs. */
    private static void bisect(Integer[] indexes, int from, int to, int turfs, double[] x, double[] y,
            java.util.function.Consumer<int[]> emit) {
        if (turfs <= 1) {
            int[] group = new int[to - from];
            for (int i = from; i < to; i++) {
                group[i - from] = indexes[i];
            }
            emit.accept(group);
            return;
        }
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int i = from; i < to; i++) {
            minX = Math.min(minX, x[indexes[i]]);
            maxX = Math.max(maxX, x[indexes[i]]);
            minY = Math.min(minY, y[indexes[i]]);
            maxY = Math.max(maxY, y[indexes[i]]);
        }
        double[] axis = maxX - minX >= maxY - minY ? x : y;
        Arrays.sort(indexes, from, to, Comparator.comparingDouble((Integer i) -> axis[i]).thenComparingInt(i -> i));
        int left = turfs / 2;
        int n = to - from;
        // floor for the left half, so the right half gets the ceiling: both stay within their turfs' capacity
        int split = from + (int) ((long) n * left / turfs);
        bisect(indexes, from, split, left, x, y, emit);
        bisect(indexes, split, to, turfs - left, x, y, emit);
    }

    private static Cut walk(int[] group, List<Door> located, double[] x, double[] y) {
        double[] gx = new double[group.length];
        double[] gy = new double[group.length];
        for (int i = 0; i < group.length; i++) {
            gx[i] = x[group[i]];
            gy[i] = y[group[i]];
        }
        int[] order = WalkOrder.of(gx, gy);
        List<Door> stops = new ArrayList<>(group.length);
        Double[] meters = new Double[group.length];
        for (int i = 0; i < order.length; i++) {
            Door door = located.get(group[order[i]]);
            stops.add(door);
            if (i > 0) {
                Door previous = stops.get(i - 1);
                meters[i] = Geo.haversineMeters(previous.latitude(), previous.longitude(), door.latitude(), door.longitude());
            }
        }
        return new Cut(stops, meters);
    }
}
