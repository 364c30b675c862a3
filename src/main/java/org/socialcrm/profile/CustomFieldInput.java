package org.socialcrm.profile;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Input;
import io.smallrye.graphql.api.Nullable;
import org.eclipse.microprofile.graphql.NonNull;

@Input("CustomFieldInput")
public record CustomFieldInput(@NonNull String key, @NonNull String label, @NonNull CustomFieldType type,
        @Nullable List<@NonNull String> choices, @DefaultValue("true") Boolean filterable) {
}
