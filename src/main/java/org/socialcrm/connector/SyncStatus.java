package org.socialcrm.connector;

import org.eclipse.microprofile.graphql.Enum;

@Enum("SyncStatus")
public enum SyncStatus {
    RUNNING, SUCCEEDED, FAILED, RATE_LIMITED
}
