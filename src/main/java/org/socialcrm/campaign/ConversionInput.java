package org.socialcrm.campaign;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("ConversionInput")
public record ConversionInput(@Id @NonNull String contactId, OffsetDateTime occurredAt, Double value, String stage,
        @Id String campaignId) {
}
