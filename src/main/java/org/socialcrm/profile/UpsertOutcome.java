package org.socialcrm.profile;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** What happened to one input row; {@code index} is its position in the input list (or its line in a file). */
@Type("UpsertOutcome")
public record UpsertOutcome(int index, @Id String contactId, @NonNull UpsertOutcomeKind outcome, MatchKey matchedOn,
        String reason) {

    static UpsertOutcome rejected(int index, String reason) {
        return new UpsertOutcome(index, null, UpsertOutcomeKind.REJECTED, null, reason);
    }
}
