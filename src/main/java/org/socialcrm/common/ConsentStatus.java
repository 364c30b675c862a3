package org.socialcrm.common;

import org.eclipse.microprofile.graphql.Enum;

@Enum("ConsentStatus")
public enum ConsentStatus {
    OPTED_IN, OPTED_OUT, UNKNOWN
}
