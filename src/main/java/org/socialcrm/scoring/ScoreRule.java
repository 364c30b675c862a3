package org.socialcrm.scoring;

import jakarta.json.JsonObject;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ScoreRule")
public record ScoreRule(@NonNull JsonObject rule, @NonNull double points) {
}
