package org.socialcrm.profile;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ContactEmail")
public record ContactEmail(@NonNull String address, boolean primary) {
}
