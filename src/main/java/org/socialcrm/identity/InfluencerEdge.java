package org.socialcrm.identity;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("InfluencerEdge")
public record InfluencerEdge(@NonNull String cursor, @NonNull SocialIdentity node) {
}
