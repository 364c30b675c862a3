package org.socialcrm.segment;

import jakarta.json.JsonObject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.socialcrm.targeting.SegmentDefinition;

/**
 * A saved target group: contacts matching its filter AND its rule, evaluated at each read; or, when static, the
 * members frozen by snapshotSegment. Its size and contacts are exactly those of contacts(filter: {segmentId}).
 */
@Type("Segment")
public record Segment(@Id @NonNull String id, @NonNull String name, @NonNull JsonObject filter,
        @Description("The segment's rule as saved (SegmentRuleInput's shape); null when it has none.") JsonObject rule,
        @Name("static") @Description("A frozen member list (snapshotSegment) rather than a live definition.") boolean isStatic,
        @Ignore SegmentDefinition definition) {
}
