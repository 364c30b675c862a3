package org.socialcrm.lifecycle;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("FunnelStage")
public record FunnelStage(@NonNull String stage,
        @Description("Contacts currently in the stage.") @NonNull int contacts,
        @Description("Distinct contacts with a transition into the stage within [from, to].") @NonNull int entered,
        @Description("Share of contacts that entered this stage and later reached the next one.") Double conversionToNext,
        @Description("Median days between entering the stage and leaving it, over completed stays.") Double medianDaysInStage) {
}
