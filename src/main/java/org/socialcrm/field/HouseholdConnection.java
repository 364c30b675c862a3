package org.socialcrm.field;

import java.util.List;

import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.socialcrm.common.PageInfo;

/** A page of households; {@code totalCount} is counted only when asked for. */
@Type("HouseholdConnection")
public record HouseholdConnection(@NonNull List<@NonNull HouseholdEdge> edges, @NonNull PageInfo pageInfo, @Ignore String postalCode) {
}
