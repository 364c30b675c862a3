package org.socialcrm.campaign;

import java.util.List;

import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.socialcrm.common.PageInfo;

/** A contact's touchpoints, latest first; {@code totalCount} is counted only when asked for. */
@Type("TouchpointConnection")
public record TouchpointConnection(@NonNull List<@NonNull TouchpointEdge> edges, @NonNull PageInfo pageInfo,
        @Ignore long contactId) {
}
