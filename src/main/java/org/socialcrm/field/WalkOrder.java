package org.socialcrm.field;

/**
 * A short walking route through points (flat metres): nearest neighbour from the south-west corner, then 2-opt on the
 * open path (reverse a stretch while that shortens the walk) until no move helps or the pass budget is spent.
 */
final class WalkOrder {

    private static final int MAX_PASSES = 50;

    private WalkOrder() {
    }

    /** The indexes of {@code x}/{@code y} in walking order. */
    static int[] of(double[] x, double[] y) {
        int n = x.length;
        int[] order = new int[n];
        if (n == 0) {
            return order;
        }
        boolean[] used = new boolean[n];
        int current = 0;
        for (int i = 1; i < n; i++) {
            if (x[i] + y[i] < x[current] + y[current]) {
                current = i;
            }
        }
        for (int step = 0; step < n; step++) {
            order[step] = current;
            used[current] = true;
            int next = -1;
            double best = Double.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                if (!used[i]) {
                    double d = distance(x, y, current, i);
                    if (d < best) {
                        best = d;
                        next = i;
                    }
                }
            }
            current = next;
        }
        twoOpt(order, x, y);
        return order;
    }

    private static void twoOpt(int[] order, double[] x, double[] y) {
        int n = order.length;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            boolean improved = false;
            for (int i = 0; i < n - 2; i++) {
                int a = order[i];
                int b = order[i + 1];
                double ab = distance(x, y, a, b);
                for (int j = i + 2; j < n; j++) {
                    int c = order[j];
                    // the path keeps its start: reverse order[i+1..j]; the last stop has no successor (open path)
                    double delta = distance(x, y, a, c) - ab;
                    if (j + 1 < n) {
                        int d = order[j + 1];
                        delta += distance(x, y, b, d) - distance(x, y, c, d);
                    }
                    if (delta < -1e-9) {
                        reverse(order, i + 1, j);
                        improved = true;
                        b = order[i + 1];
                        ab = distance(x, y, a, b);
                    }
                }
            }
            if (!improved) {
                return;
            }
        }
    }

    static double length(int[] order, double[] x, double[] y) {
        double total = 0;
        for (int i = 1; i < order.length; i++) {
            total += distance(x, y, order[i - 1], order[i]);
        }
        return total;
    }

    private static void reverse(int[] order, int from, int to) {
        while (from < to) {
            int swap = order[from];
            order[from++] = order[to];
            order[to--] = swap;
        }
    }

    private static double distance(double[] x, double[] y, int i, int j) {
        double dx = x[i] - x[j];
        double dy = y[i] - y[j];
        return Math.sqrt(dx * dx + dy * dy);
    }
}
