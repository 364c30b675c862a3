package org.socialcrm.contact;

import org.eclipse.microprofile.graphql.Input;

@Input("ConsentInput")
public record ConsentInput(Boolean email, Boolean sms, Boolean tracking) {
}
