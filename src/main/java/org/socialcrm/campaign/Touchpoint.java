package org.socialcrm.campaign;

import org.socialcrm.common.Channel;

import java.time.OffsetDateTime;

import jakarta.json.JsonObject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One interaction of a contact with a campaign/channel; contact and campaign are resolved in batches. */
@Type("Touchpoint")
public record Touchpoint(@Id @NonNull String id, @NonNull Channel channel,
        @Id @Description("Id of the social identity (influencer) behind the touch, if any.") String influencerId,
        @NonNull OffsetDateTime occurredAt, JsonObject source,
        @Ignore long contactId, @Ignore Long campaignId) {
}
