package org.socialcrm.audit;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.socialcrm.common.PageInfo;

@Type("AuditEventConnection")
public record AuditEventConnection(@NonNull List<@NonNull AuditEventEdge> edges, @NonNull PageInfo pageInfo, @NonNull int totalCount) {
}
