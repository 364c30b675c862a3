package org.socialcrm.profile;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("DuplicateCandidateEdge")
public record DuplicateCandidateEdge(@NonNull String cursor, @NonNull DuplicateCandidate node) {
}
