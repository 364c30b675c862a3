package org.socialcrm.segment;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.socialcrm.targeting.ContactFilterInput;
import org.socialcrm.targeting.SegmentRuleInput;

/** A segment's definition: filter AND rule; at least one of them (docs/api.md: filter is optional here). */
@Input("SegmentInput")
public record SegmentInput(@Id String id, @NonNull String name,
        @Description("AND-ed with rule; optional when a rule is given.") ContactFilterInput filter, SegmentRuleInput rule) {
}
