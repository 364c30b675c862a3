package org.socialcrm.scoring;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** Held-out quality of a LOOKALIKE model. */
@Type("ScoreModelQuality")
@Description("Held-out quality of a LOOKALIKE model.")
public record ScoreModelQuality(
        @NonNull @Description("Area under the ROC curve on the held-out contacts (0.5: no better than chance).") double auc,
        @NonNull @Description("Contacts in the target (all contacts, training and held-out).") int positives,
        @NonNull int negatives,
        @NonNull @Description("The model's features, strongest first.") java.util.List<@NonNull String> features) {

    public ScoreModelQuality {
        features = List.copyOf(features);
    }
}
