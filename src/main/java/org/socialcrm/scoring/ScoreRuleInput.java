package org.socialcrm.scoring;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.socialcrm.targeting.SegmentRuleInput;

@Input("ScoreRuleInput")
public record ScoreRuleInput(@NonNull SegmentRuleInput rule, @NonNull double points) {
}
