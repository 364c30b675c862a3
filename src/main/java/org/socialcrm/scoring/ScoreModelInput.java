package org.socialcrm.scoring;

import java.util.List;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.graphql.api.Nullable;

/** A new model (no id) or the new definition of one (its scores are recomputed by trainScoreModel). */
@Input("ScoreModelInput")
public record ScoreModelInput(@Id String id, @NonNull String name, @NonNull ScoreModelKind kind, @Nullable List<@NonNull ScoreRuleInput> rules,
        @Id String targetSegmentId, String targetStage) {
}
