package org.socialcrm.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.graphql.CompiledFields;
import org.socialcrm.graphql.CompiledSchema;

/**
 * LifecycleTransition in compiled reads: the transition row ({@link LifecycleTransitionTable}) and a contact's
 * history ({@code Contact.lifecycleHistory}, as {@link LifecycleGraphQLApi} adds it).
 */
@ApplicationScoped
public class LifecycleTransitionShape implements CompiledFields {

    @Override
    public void describe(CompiledSchema.Builder schema) {
        schema.type(LifecycleTransitionTable.LIFECYCLE_TRANSITION)
                .field("Contact", "lifecycleHistory", (field, row, compiler) -> compiler.children("LifecycleTransition", field, row,
                        LifecycleTransitionTable.TABLE, LifecycleTransitionTable.CONTACT_ID.name(), LifecycleHistory.HISTORY_ORDER));
    }
}
