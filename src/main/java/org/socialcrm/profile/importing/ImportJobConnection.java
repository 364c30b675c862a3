package org.socialcrm.profile.importing;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.socialcrm.common.PageInfo;

@Type("ImportJobConnection")
public record ImportJobConnection(@NonNull List<@NonNull ImportJobEdge> edges, @NonNull PageInfo pageInfo, int totalCount) {
}
