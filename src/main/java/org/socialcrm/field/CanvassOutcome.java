package org.socialcrm.field;

import org.eclipse.microprofile.graphql.Enum;

@Enum("CanvassOutcome")
public enum CanvassOutcome {
    CONTACTED, NOT_HOME, REFUSED, MOVED, WRONG_NUMBER, DECEASED
}
