package org.socialcrm.targeting;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("ScoreConditionInput")
public record ScoreConditionInput(@NonNull @Id String modelId, Double min, Double max) {
}
