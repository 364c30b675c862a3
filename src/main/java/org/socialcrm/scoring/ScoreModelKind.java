package org.socialcrm.scoring;

import org.eclipse.microprofile.graphql.Enum;

/** How a score model computes its scores (stored as the constant's name). */
@Enum("ScoreModelKind")
public enum ScoreModelKind {
    /** Points per matching segment rule, capped to 0-100. */
    RULES,
    /** A logistic regression trained on the tenant's own contacts against a target segment or stage. */
    LOOKALIKE
}
