package org.socialcrm.campaign;

import org.socialcrm.common.Channel;

import java.time.OffsetDateTime;

import jakarta.json.JsonValue;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("TouchpointInput")
public record TouchpointInput(@Id @NonNull String contactId, @Id String campaignId, @NonNull Channel channel,
        @Id String influencerIdentityId, OffsetDateTime occurredAt, JsonValue source) {
}
