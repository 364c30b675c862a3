package org.socialcrm.profile;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("CustomFieldDefinition")
public record CustomFieldDefinition(@NonNull String key, @NonNull String label, @NonNull CustomFieldType type,
        List<@NonNull String> choices, boolean filterable) {
}
