package org.socialcrm.profile;

import org.socialcrm.common.ConsentStatus;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.socialcrm.common.ContactChannel;

@Input("ChannelPreferenceInput")
public record ChannelPreferenceInput(@NonNull ContactChannel channel, @NonNull ConsentStatus status, String source,
        String legalBasis) {
}
