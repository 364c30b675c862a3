package org.socialcrm.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The extracted features of every contact, compact: feature names are numbered once, and each contact keeps only
 * its non-zero features as parallel index and value arrays (100,000 contacts with ~20 features each take ~25 MB).
 */
public final class FeatureTable {

    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();

    /** One contact: its id, whether it is in the target, its features (indexes into {@link #names()}). */
    public record Row(long contactId, boolean positive, int[] features, double[] values) {
    }

    /** Collects one contact's features before it is added. */
    public final class Builder {
        private int[] features = new int[16];
        private double[] values = new double[16];
        private int size;

        public Builder put(String name, double value) {
            if (value == 0 || !Double.isFinite(value)) {
                return this;
            }
            if (size == features.length) {
                features = Arrays.copyOf(features, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            features[size] = index.computeIfAbsent(name, n -> {
                names.add(n);
                return names.size() - 1;
            });
            values[size++] = value;
            return this;
        }

        public void add(long contactId, boolean positive) {
            rows.add(new Row(contactId, positive, Arrays.copyOf(features, size), Arrays.copyOf(values, size)));
            size = 0;
        }
    }

    public Builder builder() {
        return new Builder();
    }

    public List<String> names() {
        return names;
    }

    public List<Row> rows() {
        return rows;
    }

    public int positives() {
        return (int) rows.stream().filter(Row::positive).count();
    }

    public int negatives() {
        return rows.size() - positives();
    }
}
