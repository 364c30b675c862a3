package org.socialcrm.scoring;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "scrm.scoring")
public interface ScoringConfig {

    /** How often the scheduler looks for models to retrain or recompute (quarkus-scheduler every expression). */
    @WithDefault("1m")
    String checkEvery();

    /** A LOOKALIKE model is retrained this long after its last training. */
    @WithDefault("24h")
    Duration retrainAfter();

    /** How long a replica holds a model while it trains it; another replica takes it over after that. */
    @WithDefault("10m")
    Duration lease();

    /** Seed of the held-out split and of the stochastic gradient descent (same data, same model). */
    @WithDefault("20261202")
    long seed();

    /** Passes of stochastic gradient descent over the training contacts. */
    @WithDefault("8")
    int epochs();

    /** Share of contacts held out to measure the AUC. */
    @WithDefault("0.3")
    double holdOut();

    /** Fewest target contacts (and fewest others) a LOOKALIKE model trains on. */
    @WithDefault("10")
    int minimumPerClass();

    /** Contacts per statement when scores are written. */
    @WithDefault("2000")
    int writeBatch();

    /** Factors kept per contact score. */
    @WithDefault("5")
    int factors();
}
