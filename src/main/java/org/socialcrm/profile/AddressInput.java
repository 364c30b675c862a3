package org.socialcrm.profile;

import org.eclipse.microprofile.graphql.Input;

@Input("AddressInput")
public record AddressInput(String line1, String line2, String city, String region, String postalCode, String country,
        Double latitude, Double longitude) {
}
