package org.socialcrm.profile.importing;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ImportJobEdge")
public record ImportJobEdge(@NonNull String cursor, @NonNull ImportJob node) {
}
