package org.socialcrm.api.compiled;

import java.util.Map;

/** LifecycleTransition: one row of a contact's lifecycle history. */
final class LifecycleTransitionShape extends ColumnShape {

    static final LifecycleTransitionShape INSTANCE = new LifecycleTransitionShape();

    private LifecycleTransitionShape() {
        super("LifecycleTransition", Map.of(
                "id", SqlValues.id("id"),
                "fromStage", "%1$s.from_stage",
                "toStage", "%1$s.to_stage",
                "occurredAt", SqlValues.dateTime("occurred_at"),
                "source", "%1$s.source",
                "note", "%1$s.note"));
    }
}
