package org.socialcrm.field;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.socialcrm.common.PageInfo;

@Type("TurfConnection")
public record TurfConnection(@NonNull List<@NonNull TurfEdge> edges, @NonNull PageInfo pageInfo) {
}
