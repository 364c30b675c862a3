package org.socialcrm.campaign;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("TouchpointEdge")
public record TouchpointEdge(@NonNull String cursor, @NonNull Touchpoint node) {
}
