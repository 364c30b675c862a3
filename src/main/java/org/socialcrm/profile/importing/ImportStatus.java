package org.socialcrm.profile.importing;

import org.eclipse.microprofile.graphql.Enum;

@Enum("ImportStatus")
public enum ImportStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED
}
