package org.socialcrm.lifecycle;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Funnel")
public record Funnel(@NonNull List<@NonNull FunnelStage> stages) {
}
