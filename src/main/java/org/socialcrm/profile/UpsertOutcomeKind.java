package org.socialcrm.profile;

import org.eclipse.microprofile.graphql.Enum;

@Enum("UpsertOutcomeKind")
public enum UpsertOutcomeKind {
    CREATED, UPDATED, UNCHANGED, AMBIGUOUS, REJECTED
}
