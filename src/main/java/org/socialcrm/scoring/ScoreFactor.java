package org.socialcrm.scoring;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One reason for a score: a rule's points, or a LOOKALIKE feature's coefficient times its standardised value. */
@Type("ScoreFactor")
public record ScoreFactor(@NonNull String name,
        @NonNull @Description("RULES: the rule's points; LOOKALIKE: log-odds added by this feature (negative lowers the score).") double contribution) {
}
