package org.socialcrm.scoring;

import java.util.ArrayList;
import java.util.List;

import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.evaluation.TrainTestSplitter;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import org.socialcrm.common.BadUserInputException;

/**
 * Trains a LOOKALIKE model with Tribuo: logistic regression by stochastic gradient descent (AdaGrad) on features
 * divided by their standard deviation, a seeded held-out split, and the held-out AUC from Tribuo's evaluator. The
 * weights are read out of the Tribuo model into a {@link LookalikeModel} (positive minus negative class, which is
 * the binary logistic regression the two-class softmax amounts to).
 */
public final class LookalikeTrainer {

    static final Label POSITIVE = new Label("target");
    static final Label NEGATIVE = new Label("other");
    /** Features present in fewer contacts than this are left out (too rare to learn from, easy to overfit). */
    static final int MIN_SUPPORT = 3;

    public record Trained(LookalikeModel model, ScoreModelQuality quality) {
    }

    private final long seed;
    private final int epochs;
    private final double holdOut;
    private final int minimumPerClass;

    public LookalikeTrainer(long seed, int epochs, double holdOut, int minimumPerClass) {
        this.seed = seed;
        this.epochs = epochs;
        this.holdOut = holdOut;
        this.minimumPerClass = minimumPerClass;
    }

    public static LookalikeTrainer of(ScoringConfig config) {
        return new LookalikeTrainer(config.seed(), config.epochs(), config.holdOut(), config.minimumPerClass());
    }

    public Trained train(FeatureTable table) {
        int positives = table.positives();
        int negatives = table.negatives();
        if (positives < minimumPerClass || negatives < minimumPerClass) {
            throw new BadUserInputException("id", "a LOOKALIKE model needs at least " + minimumPerClass
                    + " contacts in its target and " + minimumPerClass + " outside it; it has " + positives + " and " + negatives);
        }
        double[] scales = scales(table);
        List<String> names = table.names();
        LabelFactory labels = new LabelFactory();
        int anyUsable = 0;
        while (anyUsable < scales.length && scales[anyUsable] == 0) {
            anyUsable++;
        }
        if (anyUsable == scales.length) {
            throw new BadUserInputException("id", "no feature varies across this tenant's contacts; nothing to learn from");
        }
        List<Example<Label>> examples = new ArrayList<>(table.rows().size());
        for (FeatureTable.Row row : table.rows()) {
            examples.add(example(row, names, scales, names.get(anyUsable)));
        }
        var source = new ListDataSource<>(examples, labels, new SimpleDataSourceProvenance("tenant contacts", labels));
        var split = new TrainTestSplitter<>(source, 1.0 - holdOut, seed);
        var train = new MutableDataset<>(split.getTrain());
        var test = new MutableDataset<>(split.getTest());
        if (!test.getOutputs().contains(POSITIVE) || !test.getOutputs().contains(NEGATIVE)
                || !train.getOutputs().contains(POSITIVE) || !train.getOutputs().contains(NEGATIVE)) {
            throw new BadUserInputException("id", "too few contacts in or outside the target to hold some out for testing");
        }
        var trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), epochs, Integer.MAX_VALUE, 1, seed);
        LinearSGDModel model = (LinearSGDModel) trainer.train(train);
        double auc = new LabelEvaluator().evaluate(model, test).AUCROC(POSITIVE);
        LookalikeModel lookalike = coefficients(model, names, scales);
        return new Trained(lookalike, new ScoreModelQuality(auc, positives, negatives, lookalike.strongestFirst()));
    }

    /**
     * A contact without any usable feature still counts (it shapes the intercept): Tribuo refuses empty examples,
     * so it gets one usable feature with the value 0, which adds nothing to the model's sum or its gradient.
     */
    private static Example<Label> example(FeatureTable.Row row, List<String> names, double[] scales, String placeholder) {
        List<String> featureNames = new ArrayList<>(row.features().length);
        List<Double> values = new ArrayList<>(row.features().length);
        for (int i = 0; i < row.features().length; i++) {
            int feature = row.features()[i];
            if (scales[feature] > 0) {
                featureNames.add(names.get(feature));
                values.add(row.values()[i] / scales[feature]);
            }
        }
        if (featureNames.isEmpty()) {
            featureNames.add(placeholder);
            values.add(0.0);
        }
        return new ArrayExample<>(row.positive() ? POSITIVE : NEGATIVE, featureNames.toArray(String[]::new),
                values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Standard deviation of each feature over all contacts (absent = 0); 0 for features too rare to use. */
    static double[] scales(FeatureTable table) {
        int n = table.names().size();
        double[] sum = new double[n];
        double[] squares = new double[n];
        int[] support = new int[n];
        for (FeatureTable.Row row : table.rows()) {
            for (int i = 0; i < row.features().length; i++) {
                int f = row.features()[i];
                sum[f] += row.values()[i];
                squares[f] += row.values()[i] * row.values()[i];
                support[f]++;
            }
        }
        double count = table.rows().size();
        double[] scales = new double[n];
        for (int f = 0; f < n; f++) {
            double mean = sum[f] / count;
            double variance = squares[f] / count - mean * mean;
            scales[f] = support[f] >= MIN_SUPPORT && variance > 1e-12 ? Math.sqrt(variance) : 0;
        }
        return scales;
    }

    private static LookalikeModel coefficients(LinearSGDModel model, List<String> names, double[] scales) {
        DenseMatrix weights = model.getWeightsCopy();
        int positive = model.getOutputIDInfo().getID(POSITIVE);
        int negative = model.getOutputIDInfo().getID(NEGATIVE);
        var featureIds = model.getFeatureIDMap();
        int bias = featureIds.size();
        List<LookalikeModel.Coefficient> coefficients = new ArrayList<>();
        for (int f = 0; f < names.size(); f++) {
            var info = featureIds.get(names.get(f));
            if (info == null || scales[f] == 0) {
                continue;
            }
            int id = info.getID();
            coefficients.add(new LookalikeModel.Coefficient(names.get(f),
                    weights.get(positive, id) - weights.get(negative, id), scales[f]));
        }
        return new LookalikeModel(weights.get(positive, bias) - weights.get(negative, bias), coefficients);
    }
}
