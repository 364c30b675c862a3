package org.socialcrm.targeting;

import jakarta.json.JsonValue;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("CustomFieldConditionInput")
public record CustomFieldConditionInput(@NonNull String key, @NonNull CustomFieldOperator operator, JsonValue value) {
}
