package org.socialcrm.contact;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.socialcrm.common.Network;

import io.smallrye.graphql.api.Nullable;

@Input("ContactFilter")
public record ContactFilter(
        @Description("Case-insensitive substring of name, email or a social handle") String search,
        @Nullable List<@NonNull String> stageIn, @Nullable List<@NonNull Network> networkIn, Integer minFollowers,
        Double minInfluenceScore, @Nullable List<@NonNull String> tagsAny, String country,
        @Description("Postal code prefix") String postalCode, OffsetDateTime updatedAfter, @Id String touchedByCampaign,
        @Id String segmentId) {

    ContactCriteria criteria() {
        return new ContactCriteria(search, stageIn, networkIn == null ? null : networkIn.stream().map(Enum::name).toList(),
                minFollowers, minInfluenceScore, tagsAny, country, postalCode, updatedAfter, touchedByCampaign);
    }
}
