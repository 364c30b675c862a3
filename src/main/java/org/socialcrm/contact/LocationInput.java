package org.socialcrm.contact;

import org.eclipse.microprofile.graphql.Input;

@Input("LocationInput")
public record LocationInput(String city, String region, String country, String postalCode) {
}
