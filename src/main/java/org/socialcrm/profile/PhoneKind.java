package org.socialcrm.profile;

import org.eclipse.microprofile.graphql.Enum;

@Enum("PhoneKind")
public enum PhoneKind {
    MOBILE, LANDLINE, OTHER
}
