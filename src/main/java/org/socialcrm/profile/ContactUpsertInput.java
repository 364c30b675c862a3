package org.socialcrm.profile;

import java.util.List;

import jakarta.json.JsonValue;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import io.smallrye.graphql.api.Nullable;
import org.eclipse.microprofile.graphql.NonNull;
import org.socialcrm.common.ContactChannel;
import org.socialcrm.identity.SocialIdentityInput;

/** One row of an upsert or import. {@code preferredChannel} and {@code doNotContact} extend the contract. */
@Input("ContactUpsertInput")
public record ContactUpsertInput(@Nullable List<@NonNull ExternalIdInput> externalIds, @Nullable List<@NonNull String> emails,
        @Nullable List<@NonNull String> phones, String firstName, String lastName, AddressInput address, @Nullable List<@NonNull String> tags,
        @DefaultValue("ADD") TagsMode tagsMode, JsonValue customFields, @Nullable List<@NonNull ChannelPreferenceInput> channelPreferences,
        @Nullable List<@NonNull SocialIdentityInput> socialIdentities, String lifecycleStage, String language, Integer supportLevel,
        ContactChannel preferredChannel,
        @Description("True: the person asked never to be contacted (every channel refuses touchpoints). Never reset by an import left empty.") Boolean doNotContact) {
}
