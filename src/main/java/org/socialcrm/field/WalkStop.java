package org.socialcrm.field;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One household of a walk list; visited once a canvass of one of its turf contacts was recorded for this turf. */
@Type("WalkStop")
public record WalkStop(@NonNull int position, @NonNull Household household, Double metersFromPrevious, @NonNull boolean visited) {
}
