package org.socialcrm.identity;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("MetricPoint")
public record MetricPoint(@NonNull String metric, @NonNull OffsetDateTime observedAt, @NonNull double value) {
}
