package org.socialcrm.webhook;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.socialcrm.common.PageInfo;

@Type("WebhookDeliveryConnection")
public record WebhookDeliveryConnection(@NonNull List<@NonNull WebhookDeliveryEdge> edges, @NonNull PageInfo pageInfo,
        @NonNull int totalCount) {
}
