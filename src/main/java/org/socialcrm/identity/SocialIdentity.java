package org.socialcrm.identity;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.socialcrm.common.Network;

/**
 * A contact's account on one network, with its latest metric snapshot. {@code contact} and {@code metrics} are
 * resolved in batches by {@link IdentityGraphQLApi}.
 */
@Type("SocialIdentity")
public record SocialIdentity(@Id @NonNull String id, @Ignore long contactId, @NonNull Network network,
        @NonNull String handle, String externalId, String profileUrl, @NonNull boolean verified,
        @Name("isInfluencer") @NonNull boolean isInfluencer, @NonNull List<@NonNull String> topics, Integer followers,
        Integer following, Integer posts, Double engagementRate,
        @Description("0-100, computed from the latest metrics; the formula is documented in docs/influence.md.") Double influenceScore,
        InfluencerTier tier, OffsetDateTime lastSyncedAt) {
}
