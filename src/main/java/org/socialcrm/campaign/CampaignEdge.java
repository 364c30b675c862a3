package org.socialcrm.campaign;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("CampaignEdge")
public record CampaignEdge(@NonNull String cursor, @NonNull Campaign node) {
}
