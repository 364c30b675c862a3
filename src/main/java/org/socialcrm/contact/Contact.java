package org.socialcrm.contact;

import org.socialcrm.common.ContactChannel;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.json.JsonObject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One unified profile per person. Nested lists (identities, touchpoints, history) are resolved in batches. */
@Type("Contact")
public record Contact(@Id @NonNull String id, @NonNull String displayName, String firstName, String lastName, String email,
        String phone, Location location, @NonNull List<@NonNull String> tags, @NonNull JsonObject attributes,
        @NonNull Consent consent, @NonNull String lifecycleStage, Double influenceScore,
        @NonNull OffsetDateTime createdAt, @NonNull OffsetDateTime updatedAt, Address address, ContactChannel preferredChannel,
        String language, @NonNull @Description("True when the contact asked never to be contacted: every channel refuses touchpoints.") boolean doNotContact,
        Integer supportLevel,
        @NonNull @Description("Values of the tenant's custom fields, keyed by field key, typed by their definitions.") JsonObject customFields) {
}
