package org.socialcrm.field;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("HouseholdEdge")
public record HouseholdEdge(@NonNull String cursor, @NonNull Household node) {
}
