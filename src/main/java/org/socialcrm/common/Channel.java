package org.socialcrm.common;

import org.eclipse.microprofile.graphql.Enum;

/** Marketing channels of campaigns and touchpoints (stored as the constant's name). */
@Enum("Channel")
public enum Channel {
    SOCIAL, EMAIL, SMS, PAID_SEARCH, PAID_SOCIAL, DISPLAY, DIRECT_MAIL, EVENT, CANVASS, PHONE, REFERRAL, INFLUENCER, OTHER;

    /** A stored channel; anything unknown (written by an older or foreign writer) reads as OTHER. */
    public static Channel parse(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return valueOf(stored);
        } catch (IllegalArgumentException e) {
            return OTHER;
        }
    }
}
