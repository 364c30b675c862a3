package org.socialcrm.webhook;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A new webhook and its signing secret, shown this once. */
@Type("WebhookWithSecret")
public record WebhookWithSecret(@NonNull Webhook webhook, @NonNull String secret) {
}
