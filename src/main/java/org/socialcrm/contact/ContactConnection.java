package org.socialcrm.contact;

import java.util.List;

import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.socialcrm.common.PageInfo;

/** A page of contacts; {@code totalCount} is counted only when asked for, with the query that made the page. */
@Type("ContactConnection")
public record ContactConnection(@NonNull List<@NonNull ContactEdge> edges, @NonNull PageInfo pageInfo,
        @Ignore ContactQuery query) {
}
