package org.socialcrm.contact;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Consent")
public record Consent(@NonNull boolean email, @NonNull boolean sms, @NonNull boolean tracking) {
}
