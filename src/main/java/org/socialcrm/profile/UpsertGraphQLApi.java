package org.socialcrm.profile;

import java.util.List;
import java.util.stream.IntStream;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.socialcrm.common.BadUserInputException;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantAccess;
import org.socialcrm.security.TenantRequests;

import io.smallrye.mutiny.Uni;

/** upsertContacts: up to 1,000 rows in one transaction, matched to existing profiles (design.md §8). */
@GraphQLApi
public class UpsertGraphQLApi {

    private final TenantRequests requests;
    private final TenantAccess access;
    private final ContactUpserts upserts;

    public UpsertGraphQLApi(TenantRequests requests, TenantAccess access, ContactUpserts upserts) {
        this.requests = requests;
        this.access = access;
        this.upserts = upserts;
    }

    @Mutation("upsertContacts")
    @Description("""
            Creates or updates up to 1,000 contacts in one transaction, matching each row to an existing profile
            by the keys of matchOn, in that order of precedence (external id, then email, then phone, then social
            handle). Idempotent: sending the same rows again changes nothing. A row that matches two different
            contacts updates the first match and records the pair as a duplicate candidate (outcome AMBIGUOUS).""")
    public Uni<@NonNull UpsertResult> upsertContacts(@NonNull @Name("input") List<@NonNull ContactUpsertInput> input,
            @Name("matchOn") @DefaultValue("[\"EXTERNAL_ID\", \"EMAIL\", \"PHONE\", \"SOCIAL_HANDLE\"]") List<@NonNull MatchKey> matchOn) {
        if (input.size() > ContactUpserts.MAX_ROWS) {
            return Uni.createFrom().failure(new BadUserInputException("input", "at most " + ContactUpserts.MAX_ROWS
                    + " rows; use POST /api/imports for more"));
        }
        return requests.mutate(Permission.WRITE_CONTACTS, "contact.upsert", (scope, connection) -> upserts
                .apply(connection, scope.tenant().stageKeys(), access.caller().subject(),
                        IntStream.range(0, input.size()).boxed().toList(), input, matchOn, "upsert")
                .map(UpsertResult::of), result -> null);
    }
}
