package org.socialcrm.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.socialcrm.common.BadUserInputException;

/**
 * The LOOKALIKE trainer learns: on generated contacts whose target depends on known features the held-out AUC is
 * high and the known features carry the weight; with shuffled labels the AUC is that of chance. Seeds: data 7,
 * shuffle 11, trainer 20261202 (the configured default).
 */
class LookalikeTrainerTest {

    static final long DATA_SEED = 7;
    static final long SHUFFLE_SEED = 11;

    private final LookalikeTrainer trainer = new LookalikeTrainer(20261202L, 8, 0.3, 10);

    /** 3,000 contacts: the target depends on email touches (+), an influencer identity (+) and opt-outs (-). */
    static List<Object[]> generated() {
        Random random = new Random(DATA_SEED);
        List<Object[]> contacts = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            double emails = Math.log1p(random.nextInt(6));
            double influencer = random.nextDouble() < 0.3 ? 1 : 0;
            double optedOut = random.nextDouble() < 0.2 ? 1 : 0;
            double noise1 = random.nextGaussian();
            double noise2 = random.nextDouble() < 0.5 ? 1 : 0;
            double logit = -2.0 + 1.8 * emails + 1.5 * influencer - 2.0 * optedOut;
            boolean positive = random.nextDouble() < 1 / (1 + Math.exp(-logit));
            contacts.add(new Object[] { (long) i, positive, emails, influencer, optedOut, noise1, noise2 });
        }
        return contacts;
    }

    static FeatureTable table(List<Object[]> contacts, List<Boolean> labels) {
        FeatureTable table = new FeatureTable();
        FeatureTable.Builder builder = table.builder();
        for (int i = 0; i < contacts.size(); i++) {
            Object[] c = contacts.get(i);
            builder.put("touches:EMAIL", (double) c[2]).put("identity:influencer", (double) c[3])
                    .put("consent:EMAIL=OPTED_OUT", (double) c[4]).put("noise:gaussian", (double) c[5])
                    .put("noise:coin", (double) c[6]).add((long) c[0], labels.get(i));
        }
        return table;
    }

    static List<Boolean> labels(List<Object[]> contacts) {
        return contacts.stream().map(c -> (Boolean) c[1]).toList();
    }

    @Test
    void learnsTheFeaturesTheTargetDependsOn() {
        List<Object[]> contacts = generated();
        FeatureTable table = table(contacts, labels(contacts));
        LookalikeTrainer.Trained trained = trainer.train(table);

        assertTrue(trained.quality().auc() >= 0.8, "held-out AUC " + trained.quality().auc());
        assertEquals(table.positives(), trained.quality().positives());
        assertEquals(3000 - table.positives(), trained.quality().negatives());
        List<String> strongest = trained.quality().features();
        assertTrue(strongest.subList(0, 3).containsAll(List.of("touches:EMAIL", "identity:influencer", "consent:EMAIL=OPTED_OUT")),
                "strongest first: " + strongest);
        LookalikeModel model = trained.model();
        assertTrue(weight(model, "touches:EMAIL") > 0 && weight(model, "identity:influencer") > 0
                && weight(model, "consent:EMAIL=OPTED_OUT") < 0, model.toString());

        // the stored coefficients (read out of Tribuo's weights) rank contacts as well as the model did
        assertTrue(auc(model, table) >= 0.8, "AUC of the stored coefficients " + auc(model, table));
        // and survive their JSON form unchanged
        assertEquals(model, LookalikeModel.fromJson(model.toJson()));
    }

    @Test
    void shuffledLabelsScoreLikeChance() {
        List<Object[]> contacts = generated();
        List<Boolean> shuffled = new ArrayList<>(labels(contacts));
        Collections.shuffle(shuffled, new Random(SHUFFLE_SEED));
        double auc = trainer.train(table(contacts, shuffled)).quality().auc();
        assertTrue(auc >= 0.35 && auc <= 0.65, "held-out AUC on shuffled labels " + auc);
    }

    @Test
    void factorsExplainTheScoreLargestFirst() {
        List<Object[]> contacts = generated();
        FeatureTable table = table(contacts, labels(contacts));
        LookalikeModel model = trainer.train(table).model();
        int[] lookup = model.lookup(table.names());
        for (FeatureTable.Row row : table.rows().subList(0, 50)) {
            LookalikeModel.Scored scored = model.score(row, table.names(), lookup, 10);
            double logit = model.intercept() + scored.factors().stream().mapToDouble(ScoreFactor::contribution).sum();
            assertEquals(100 / (1 + Math.exp(-logit)), scored.value(), 1e-9, "factors add up to the score");
            for (int i = 1; i < scored.factors().size(); i++) {
                assertTrue(Math.abs(scored.factors().get(i - 1).contribution()) >= Math.abs(scored.factors().get(i).contribution()));
            }
        }
    }

    @Test
    void contactsWithoutAnyFeatureStillTrainAndScoreTheIntercept() {
        FeatureTable table = new FeatureTable();
        for (int i = 0; i < 200; i++) {
            FeatureTable.Builder row = table.builder();
            if (i % 2 == 0) {
                row.put("touches:EMAIL", 1 + i % 3);
            }
            row.add(i, i % 2 == 0 ? i % 3 != 0 : i % 7 == 0);
        }
        LookalikeModel model = trainer.train(table).model();
        FeatureTable.Row empty = table.rows().get(1);
        assertEquals(0, empty.features().length);
        assertEquals(100 / (1 + Math.exp(-model.intercept())), model.score(empty, table.names(), model.lookup(table.names()), 5).value(), 1e-9);
    }

    @Test
    void refusesTooFewTargetContacts() {
        FeatureTable table = new FeatureTable();
        for (int i = 0; i < 100; i++) {
            table.builder().put("x", i % 3).add(i, i < 5);
        }
        assertThrows(BadUserInputException.class, () -> trainer.train(table));
    }

    static double weight(LookalikeModel model, String name) {
        return model.coefficients().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().weight();
    }

    /** Mann-Whitney AUC of the model's scores over all contacts of the table. */
    static double auc(LookalikeModel model, FeatureTable table) {
        int[] lookup = model.lookup(table.names());
        List<double[]> scored = new ArrayList<>();
        for (FeatureTable.Row row : table.rows()) {
            scored.add(new double[] { model.score(row, table.names(), lookup, 0).value(), row.positive() ? 1 : 0 });
        }
        double pairs = 0;
        double wins = 0;
        for (double[] p : scored) {
            if (p[1] == 0) {
                continue;
            }
            for (double[] n : scored) {
                if (n[1] == 1) {
                    continue;
                }
                pairs++;
                wins += p[0] > n[0] ? 1 : p[0] == n[0] ? 0.5 : 0;
            }
        }
        return wins / pairs;
    }
}
