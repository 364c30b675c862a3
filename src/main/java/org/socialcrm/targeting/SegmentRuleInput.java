package org.socialcrm.targeting;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.graphql.api.Nullable;

@Input("SegmentRuleInput")
@Description("A boolean tree. Exactly one member is set per node. Leaves reuse ContactFilterInput (all its fields AND-ed) or "
        + "one of the conditions below; and/or/not combine them; inSegment nests another saved segment (no cycles).")
public record SegmentRuleInput(@Nullable List<@NonNull SegmentRuleInput> and, @Nullable List<@NonNull SegmentRuleInput> or,
        SegmentRuleInput not, ContactFilterInput filter, @Id String inSegment, BehaviorConditionInput behavior,
        ConsentConditionInput consent, CustomFieldConditionInput customField, ScoreConditionInput score,
        IntRangeInput supportLevel) {
}
