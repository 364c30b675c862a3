package org.socialcrm.contact;

import java.util.List;

import jakarta.json.JsonValue;

import io.smallrye.graphql.api.Nullable;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** Fields to set on a contact; on update, a field left out (null) keeps its value. */
@Input("ContactInput")
public record ContactInput(String firstName, String lastName, String email, String phone, LocationInput location,
        @Nullable List<@NonNull String> tags, JsonValue attributes, ConsentInput consent, String lifecycleStage) {
}
