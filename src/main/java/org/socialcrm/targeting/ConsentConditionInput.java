package org.socialcrm.targeting;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.socialcrm.common.ConsentStatus;
import org.socialcrm.common.ContactChannel;

@Input("ConsentConditionInput")
public record ConsentConditionInput(@NonNull ContactChannel channel, @NonNull ConsentStatus status) {
}
