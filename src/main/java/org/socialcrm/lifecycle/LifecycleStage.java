package org.socialcrm.lifecycle;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("LifecycleStage")
public record LifecycleStage(@NonNull String key, @NonNull String label,
        @Description("1-based place of the stage in the tenant's ladder.") @NonNull int position) {
}
