package org.socialcrm.targeting;

import org.eclipse.microprofile.graphql.Input;

@Input("IntRangeInput")
public record IntRangeInput(Integer min, Integer max) {
}
