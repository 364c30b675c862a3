package org.socialcrm.change;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.socialcrm.common.PageInfo;

@Type("ChangeConnection")
public record ChangeConnection(@NonNull List<@NonNull ChangeEdge> edges, @NonNull PageInfo pageInfo) {
}
