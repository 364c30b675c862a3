package org.socialcrm.scoring;

import java.util.List;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** A new model (no id) or the new definition of one (its scores are recomputed by trainScoreModel). */
@Input("ScoreModelInput")
public record ScoreModelInput(@Id String id, @NonNull String name, @NonNull ScoreModelKind kind, List<@NonNull ScoreRuleInput> rules,
        @Id String targetSegmentId, String targetStage) {
}
