package org.socialcrm.segment;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("SegmentInput")
public record SegmentInput(@Id String id, @NonNull String name, @NonNull ContactFilterInput filter) {
}
