package org.socialcrm.scoring;

import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.common.sgd.AbstractLinearSGDTrainer;
import org.tribuo.common.sgd.AbstractSGDTrainer;
import org.tribuo.math.optimisers.AdaGrad;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What Tribuo reads by reflection in a native image: a trained model's provenance records the trainer's
 * configuration by reading its OLCUT {@code @Config} fields (and those of its objective and optimiser) reflectively,
 * class by class up the hierarchy. Nothing else of Tribuo's is reflective on our path (no protobuf serialisation,
 * no configuration files, no resources).
 */
@RegisterForReflection(targets = { AbstractSGDTrainer.class, AbstractLinearSGDTrainer.class, LinearSGDTrainer.class,
        LogMulticlass.class, AdaGrad.class })
final class TribuoReflection {

    private TribuoReflection() {
    }
}
