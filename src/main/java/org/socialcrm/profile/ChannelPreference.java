package org.socialcrm.profile;

import org.socialcrm.common.ConsentStatus;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.socialcrm.common.ContactChannel;

/** Consent on one channel: its status, when it was given or withdrawn, by what source, on what legal basis. */
@Type("ChannelPreference")
public record ChannelPreference(@NonNull ContactChannel channel, @NonNull ConsentStatus status, OffsetDateTime updatedAt,
        String source, String legalBasis) {
}
