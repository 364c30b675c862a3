package org.socialcrm.targeting;

import io.vertx.core.json.JsonObject;

/**
 * What selects a saved segment's members: its filter AND its rule (either may be empty; segments saved before rules
 * existed have only a filter), or, for a static segment, the member list frozen by {@code snapshotSegment}.
 */
public record SegmentDefinition(long id, JsonObject filter, JsonObject rule, boolean isStatic) {
}
