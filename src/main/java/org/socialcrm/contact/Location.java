package org.socialcrm.contact;

import org.eclipse.microprofile.graphql.Type;

@Type("Location")
public record Location(String city, String region, String country, String postalCode) {
}
