package org.socialcrm.campaign;

import org.eclipse.microprofile.graphql.Enum;

/**
 * How one conversion's credit (1.0) is split over the touchpoints before it (ordered by time, then id):
 * FIRST_TOUCH and LAST_TOUCH give it all to one; LINEAR splits it equally; TIME_DECAY weighs each touch by
 * 2^(-ageDays/halfLifeDays) and normalises; POSITION_BASED gives 40% to the first and the last touch and shares
 * 20% among the middle ones (one touch: 100%, two touches: 50/50).
 */
@Enum("AttributionModel")
public enum AttributionModel {
    FIRST_TOUCH, LAST_TOUCH, LINEAR, TIME_DECAY, POSITION_BASED
}
