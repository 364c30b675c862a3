package org.socialcrm.field;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** Households of a segment to walk, cut by cutTurfs; segment, walk list and progress are resolved in batches. */
@Type("Turf")
public record Turf(@Id @NonNull String id, @NonNull String name, String assignee, @NonNull int doors, @NonNull int contacts,
        @Ignore Long segmentId, @Ignore OffsetDateTime createdAt) {
}
