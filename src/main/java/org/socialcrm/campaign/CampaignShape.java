package org.socialcrm.campaign;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.graphql.CompiledFields;
import org.socialcrm.graphql.CompiledSchema;

/** Campaign in compiled reads: the campaign row ({@link CampaignTable}); its counts and reports go the general way. */
@ApplicationScoped
public class CampaignShape implements CompiledFields {

    @Override
    public void describe(CompiledSchema.Builder schema) {
        schema.type(CampaignTable.CAMPAIGN);
    }
}
