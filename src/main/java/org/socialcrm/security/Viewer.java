package org.socialcrm.security;

import java.util.List;

import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** Who the caller is; its agency and tenants are resolved by {@link ViewerGraphQLApi}. */
@Type("Viewer")
public record Viewer(@NonNull String subject, String name, @NonNull List<@NonNull String> roles,
        @NonNull List<@NonNull String> scopes, @Ignore Caller caller) {
}
