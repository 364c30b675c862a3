package org.socialcrm.targeting;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.socialcrm.common.ContactChannel;
import org.socialcrm.common.Network;

import io.smallrye.graphql.api.Nullable;

/** The argument of {@code contacts(filter)}: the {@link ContactFilterInput} fields, a saved segment and a rule, AND-ed. */
@Input("ContactFilter")
public record ContactFilter(
        @Description("Case-insensitive substring of name, email or a social handle") String search,
        @Nullable List<@NonNull String> stageIn, @Nullable List<@NonNull Network> networkIn, Integer minFollowers,
        Double minInfluenceScore, @Nullable List<@NonNull String> tagsAny, String country,
        @Description("Postal code prefix") String postalCode, OffsetDateTime updatedAfter, @Id String touchedByCampaign,
        @Id String segmentId, SegmentRuleInput rule,
        @Description("Only contacts that may be contacted on this channel (consent, doNotContact, a usable address/number).")
        ContactChannel reachableBy) {

    public ContactFilterInput criteria() {
        return new ContactFilterInput(search, stageIn, networkIn, minFollowers, minInfluenceScore, tagsAny, country, postalCode,
                updatedAfter, touchedByCampaign, reachableBy);
    }
}
