package org.socialcrm.ingest;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.socialcrm.common.Network;

/** One pushed point; the identity is addressed by id, or by (network, handle). */
@Input("MetricPointInput")
public record MetricPointInput(@Id String identityId, Network network, String handle, @NonNull String metric,
        @NonNull OffsetDateTime observedAt, @NonNull Double value) {
}
