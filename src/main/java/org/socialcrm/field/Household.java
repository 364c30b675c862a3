package org.socialcrm.field;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.socialcrm.contact.Address;

/**
 * The contacts at one normalised address (contact.household_key); the id is that key. The address is the first
 * member's, its coordinates the mean of the members' coordinates.
 */
@Type("Household")
public record Household(@Id @NonNull String id, @NonNull Address address) {
}
