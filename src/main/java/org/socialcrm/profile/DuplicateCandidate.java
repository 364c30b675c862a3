package org.socialcrm.profile;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.socialcrm.contact.Contact;

/** Two contacts that are probably the same person; score 0-1 and why. */
@Type("DuplicateCandidate")
public record DuplicateCandidate(@NonNull Contact contact, @NonNull Contact other, double score,
        @NonNull List<@NonNull String> reasons) {
}
