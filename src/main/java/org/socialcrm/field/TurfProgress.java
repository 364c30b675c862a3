package org.socialcrm.field;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("TurfProgress")
public record TurfProgress(@NonNull int doors,
        @NonNull @Description("Households with at least one canvass recorded for this turf.") int knocked,
        @NonNull @Description("Turf contacts with a CONTACTED canvass recorded for this turf.") int contacted,
        @NonNull @Description("Turf contacts whose support level is 1 or 2 (1 = strong supporter).") int supporters) {
}
