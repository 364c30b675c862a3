package org.socialcrm.profile;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("ExternalIdInput")
public record ExternalIdInput(@NonNull String system, @NonNull String value) {
}
