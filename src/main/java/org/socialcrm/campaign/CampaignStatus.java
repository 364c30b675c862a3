package org.socialcrm.campaign;

import org.eclipse.microprofile.graphql.Enum;

@Enum("CampaignStatus")
public enum CampaignStatus {
    DRAFT, ACTIVE, PAUSED, ENDED
}
