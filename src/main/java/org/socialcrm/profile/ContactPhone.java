package org.socialcrm.profile;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ContactPhone")
@Description("E.164 (+15551234567).")
public record ContactPhone(@NonNull String number, boolean primary, PhoneKind kind) {
}
