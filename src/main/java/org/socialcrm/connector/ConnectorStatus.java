package org.socialcrm.connector;

import org.eclipse.microprofile.graphql.Enum;

@Enum("ConnectorStatus")
public enum ConnectorStatus {
    ACTIVE, NEEDS_REAUTH, PAUSED, FAILING
}
