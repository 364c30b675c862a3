package org.socialcrm.common;

import org.eclipse.microprofile.graphql.Enum;

/** The ways to reach a person directly; consent is kept per channel. */
@Enum("ContactChannel")
public enum ContactChannel {
    EMAIL, SMS, PHONE, MAIL, SOCIAL_DM, CANVASS
}
