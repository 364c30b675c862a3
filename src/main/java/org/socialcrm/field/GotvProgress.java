package org.socialcrm.field;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("GotvProgress")
public record GotvProgress(@NonNull @Description("Members of the segment.") int targets,
        @NonNull @Description("Members with a CONTACTED canvass.") int contacted,
        @NonNull @Description("Members who voted in the election.") int voted,
        @NonNull @Description("Members who have not voted yet.") int remaining,
        @NonNull @Description("Members who have not voted yet with support level 1 or 2 (1 = strong supporter).") int remainingSupporters,
        @Description("The election counted: the one asked for, else the one with the latest recorded vote (null when none).") String election) {
}
