package org.socialcrm.segment;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.socialcrm.common.Network;
import org.socialcrm.contact.ContactCriteria;

import io.smallrye.graphql.api.Nullable;

/** The same fields as ContactFilter (without segmentId), stored as a segment's definition. */
@Input("ContactFilterInput")
public record ContactFilterInput(String search, @Nullable List<@NonNull String> stageIn,
        @Nullable List<@NonNull Network> networkIn, Integer minFollowers, Double minInfluenceScore,
        @Nullable List<@NonNull String> tagsAny, String country, String postalCode, OffsetDateTime updatedAfter,
        @Id String touchedByCampaign) {

    ContactCriteria criteria() {
        return new ContactCriteria(search, stageIn, networkIn == null ? null : networkIn.stream().map(Enum::name).toList(),
                minFollowers, minInfluenceScore, tagsAny, country, postalCode, updatedAfter, touchedByCampaign);
    }
}
