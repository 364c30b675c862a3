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

/**
 * The contact filter fields, defined once: {@code ContactFilter} adds {@code segmentId} and {@code rule} to them, a
 * stored segment keeps them as JSON under these names ({@link FilterCodec}), the compiled read decodes its arguments
 * with the same codec, and {@link FilterConditions} turns them into SQL for all of them.
 */
@Input("ContactFilterInput")
public record ContactFilterInput(
        @Description("Case-insensitive substring of name, email or a social handle") String search,
        @Nullable List<@NonNull String> stageIn, @Nullable List<@NonNull Network> networkIn, Integer minFollowers,
        Double minInfluenceScore, @Nullable List<@NonNull String> tagsAny, String country,
        @Description("Postal code prefix") String postalCode, OffsetDateTime updatedAfter, @Id String touchedByCampaign,
        @Description("Only contacts that may be contacted on this channel (consent, doNotContact, a usable address/number).")
        ContactChannel reachableBy) {

    public static final ContactFilterInput EMPTY = new ContactFilterInput(null, null, null, null, null, null, null, null, null, null, null);
}
