package org.socialcrm.profile;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("UpsertResult")
public record UpsertResult(int created, int updated, int unchanged, int ambiguous, int rejected,
        @NonNull List<@NonNull UpsertOutcome> outcomes) {

    static UpsertResult of(List<UpsertOutcome> outcomes) {
        int[] n = new int[UpsertOutcomeKind.values().length];
        outcomes.forEach(o -> n[o.outcome().ordinal()]++);
        return new UpsertResult(n[0], n[1], n[2], n[3], n[4], outcomes);
    }
}
