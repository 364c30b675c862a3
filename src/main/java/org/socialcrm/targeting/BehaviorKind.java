package org.socialcrm.targeting;

import org.eclipse.microprofile.graphql.Enum;

/** What a contact did: TOUCHED (touchpoints), CONVERTED, ENTERED_STAGE, CANVASSED (CANVASS or PHONE touchpoints), VOTED. */
@Enum("BehaviorKind")
public enum BehaviorKind {
    TOUCHED, CONVERTED, ENTERED_STAGE, CANVASSED, VOTED
}
