package org.socialcrm.webhook;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("WebhookDeliveryEdge")
public record WebhookDeliveryEdge(@NonNull String cursor, @NonNull WebhookDelivery node) {
}
