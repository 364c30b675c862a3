package org.socialcrm.webhook;

import org.eclipse.microprofile.graphql.Enum;

@Enum("DeliveryStatus")
public enum DeliveryStatus {
    PENDING, SUCCEEDED, FAILED, RETRYING
}
