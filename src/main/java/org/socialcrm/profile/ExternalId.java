package org.socialcrm.profile;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The id of a person in another system (a voter file, a donor database, a shop); unique per tenant. */
@Type("ExternalId")
public record ExternalId(@NonNull String system, @NonNull String value) {
}
