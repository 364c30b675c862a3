package org.socialcrm.profile;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.socialcrm.common.PageInfo;

@Type("DuplicateCandidateConnection")
public record DuplicateCandidateConnection(@NonNull List<@NonNull DuplicateCandidateEdge> edges, @NonNull PageInfo pageInfo,
        int totalCount) {
}
