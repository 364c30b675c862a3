package org.socialcrm.identity;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.socialcrm.common.Network;

@Input("SocialIdentityInput")
public record SocialIdentityInput(@NonNull Network network, @NonNull String handle, String externalId, String profileUrl,
        Boolean verified) {
}
