package org.socialcrm.campaign;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Conversion")
public record Conversion(@Id @NonNull String id, @NonNull OffsetDateTime occurredAt, Double value, String stage,
        @Ignore long contactId, @Ignore Long campaignId) {
}
