package org.socialcrm.contact;

import org.eclipse.microprofile.graphql.Type;

/** A postal address with optional coordinates (WGS84). */
@Type("Address")
public record Address(String line1, String line2, String city, String region, String postalCode, String country,
        Double latitude, Double longitude) {
}
