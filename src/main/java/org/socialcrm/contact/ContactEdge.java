package org.socialcrm.contact;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ContactEdge")
public record ContactEdge(@NonNull String cursor, @NonNull Contact node) {
}
