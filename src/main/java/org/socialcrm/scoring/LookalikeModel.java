package org.socialcrm.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A trained LOOKALIKE model as stored in {@code score_model.coefficients}: a logistic regression over features
 * divided by their scale (their standard deviation over the tenant's contacts when trained). Every replica scores
 * from these numbers, so all score alike whichever trained the model.
 * <p>
 * score = 100 * sigmoid(intercept + sum(weight * value / scale)); a feature's factor is its term of that sum, so
 * the factors of a contact add up (with the intercept) to the log-odds behind its score.
 */
public record LookalikeModel(double intercept, List<Coefficient> coefficients) {

    public record Coefficient(String name, double weight, double scale) {
    }

    /** A contact's score and its factors, largest in size first. */
    public record Scored(double value, List<ScoreFactor> factors) {
    }

    public LookalikeModel {
        coefficients = List.copyOf(coefficients);
    }

    /** Feature names, strongest (largest |weight|) first. */
    public List<String> strongestFirst() {
        return coefficients.stream().sorted(Comparator.comparingDouble((Coefficient c) -> -Math.abs(c.weight())))
                .map(Coefficient::name).toList();
    }

    /** For each feature of the table, the index of its coefficient, or -1 when the model does not use it. */
    public int[] lookup(List<String> tableNames) {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < coefficients.size(); i++) {
            positions.put(coefficients.get(i).name(), i);
        }
        int[] out = new int[tableNames.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = positions.getOrDefault(tableNames.get(i), -1);
        }
        return out;
    }

    public Scored score(FeatureTable.Row row, List<String> tableNames, int[] lookup, int maxFactors) {
        double logit = intercept;
        List<ScoreFactor> factors = new ArrayList<>();
        for (int i = 0; i < row.features().length; i++) {
            int at = lookup[row.features()[i]];
            if (at < 0) {
                continue;
            }
            Coefficient c = coefficients.get(at);
            double contribution = c.weight() * row.values()[i] / c.scale();
            logit += contribution;
            if (contribution != 0) {
                factors.add(new ScoreFactor(tableNames.get(row.features()[i]), contribution));
            }
        }
        factors.sort(Comparator.comparingDouble((ScoreFactor f) -> -Math.abs(f.contribution())).thenComparing(ScoreFactor::name));
        return new Scored(100.0 / (1.0 + Math.exp(-logit)), factors.size() > maxFactors ? factors.subList(0, maxFactors) : factors);
    }

    public JsonObject toJson() {
        JsonArray features = new JsonArray();
        coefficients.forEach(c -> features.add(new JsonObject().put("name", c.name()).put("weight", c.weight()).put("scale", c.scale())));
        return new JsonObject().put("kind", "logistic-regression").put("intercept", intercept).put("features", features);
    }

    public static LookalikeModel fromJson(JsonObject json) {
        List<Coefficient> coefficients = new ArrayList<>();
        json.getJsonArray("features").forEach(f -> {
            JsonObject c = (JsonObject) f;
            coefficients.add(new Coefficient(c.getString("name"), c.getDouble("weight"), c.getDouble("scale")));
        });
        return new LookalikeModel(json.getDouble("intercept"), coefficients);
    }
}
