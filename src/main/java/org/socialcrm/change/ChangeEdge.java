package org.socialcrm.change;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ChangeEdge")
public record ChangeEdge(@NonNull String cursor, @NonNull Change node) {
}
