package org.socialcrm.field;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("TurfEdge")
public record TurfEdge(@NonNull String cursor, @NonNull Turf node) {
}
