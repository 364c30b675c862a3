package org.socialcrm.campaign;

import org.socialcrm.common.Channel;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A campaign; {@code touchpointCount} and {@code conversionCount} are resolved per page in one query each. */
@Type("Campaign")
public record Campaign(@Id @NonNull String id, @NonNull String name, @NonNull CampaignStatus status, Channel channel,
        OffsetDateTime startsAt, OffsetDateTime endsAt, Double budget, @NonNull OffsetDateTime createdAt,
        @NonNull OffsetDateTime updatedAt) {
}
