package org.socialcrm.webhook;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("WebhookInput")
public record WebhookInput(@NonNull String url, @NonNull List<@NonNull String> events, @DefaultValue("true") Boolean active) {
}
