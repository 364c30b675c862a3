package org.socialcrm.campaign;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("AttributionReport")
public record AttributionReport(@NonNull AttributionModel model,
        @NonNull @Description("Conversions that received credit (had at least one touchpoint in the lookback).") int totalConversions,
        @NonNull @Description("Sum of the values of the credited conversions.") double totalValue,
        @NonNull List<@NonNull AttributionRow> rows) {
}
