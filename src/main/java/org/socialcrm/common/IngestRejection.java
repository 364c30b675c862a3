package org.socialcrm.common;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A point that was not written: its index in the request and why. */
@Type("IngestRejection")
public record IngestRejection(int index, @NonNull String reason) {
}
