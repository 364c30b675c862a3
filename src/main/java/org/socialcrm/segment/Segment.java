package org.socialcrm.segment;

import jakarta.json.JsonObject;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.socialcrm.contact.ContactCriteria;

/** A saved filter for micro-targeting; its size and contacts are exactly those of contacts(filter). */
@Type("Segment")
public record Segment(@Id @NonNull String id, @NonNull String name, @NonNull JsonObject filter, @Ignore ContactCriteria criteria) {
}
