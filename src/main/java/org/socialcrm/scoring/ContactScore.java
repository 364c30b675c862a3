package org.socialcrm.scoring;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A contact's score under one model (0-100 for both kinds). */
@Type("ContactScore")
public record ContactScore(@Ignore long contactId, @NonNull ScoreModel model,
        @NonNull @Description("0-100: RULES the capped sum of points, LOOKALIKE 100 x the model's probability.") double value,
        @NonNull @Description("Largest contributions first.") List<@NonNull ScoreFactor> factors) {
}
