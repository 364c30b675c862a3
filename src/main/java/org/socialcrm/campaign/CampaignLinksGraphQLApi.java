package org.socialcrm.campaign;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;
import org.socialcrm.identity.SocialIdentity;
import org.socialcrm.identity.SocialIdentityRepository;
import org.socialcrm.lifecycle.LifecycleTransition;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantRequests;

import io.smallrye.mutiny.Uni;

/**
 * The campaign feature's fields on other features' types, one query per page: the influencer (a social identity)
 * behind touchpoints, attribution, impact and lift rows, the touchpoints an identity made, and the campaign of a
 * lifecycle transition.
 */
// Only @Source fields here: Quarkus does not register such API classes for reflection in native builds.
@RegisterForReflection
@GraphQLApi
public class CampaignLinksGraphQLApi {

    private final TenantRequests requests;
    private final SocialIdentityRepository identities;
    private final CampaignRepository campaigns;
    private final TouchpointRepository touchpoints;

    public CampaignLinksGraphQLApi(TenantRequests requests, SocialIdentityRepository identities,
            CampaignRepository campaigns, TouchpointRepository touchpoints) {
        this.requests = requests;
        this.identities = identities;
        this.campaigns = campaigns;
        this.touchpoints = touchpoints;
    }

    @Description("Touchpoints this identity made as the influencer (those of erased contacts are gone with them).")
    @NonNull
    public Uni<List<@NonNull Integer>> touchpointCount(@Source List<SocialIdentity> page) {
        List<Long> ids = page.stream().map(identity -> Long.parseLong(identity.id())).toList();
        return requests.run(Permission.READ, connection -> touchpoints
                .countByInfluencer(connection, CampaignGraphQLApi.distinctNonNull(ids))
                .map(counts -> CampaignGraphQLApi.inOrder(ids, counts)));
    }

    @Name("influencer")
    public Uni<List<SocialIdentity>> touchpointInfluencer(@Source List<Touchpoint> page) {
        return identitiesOf(page.stream().map(Touchpoint::influencerId).toList());
    }

    @Name("influencer")
    public Uni<List<SocialIdentity>> rowInfluencer(@Source List<AttributionRow> rows) {
        return identitiesOf(rows.stream().map(AttributionRow::influencerId).toList());
    }

    @NonNull
    @Name("influencer")
    public Uni<List<@NonNull SocialIdentity>> impactInfluencer(@Source List<InfluencerImpact> rows) {
        return identitiesOf(rows.stream().map(InfluencerImpact::influencerId).toList());
    }

    @NonNull
    @Name("influencer")
    public Uni<List<@NonNull SocialIdentity>> liftInfluencer(@Source List<InfluencerLift> rows) {
        return identitiesOf(rows.stream().map(row -> String.valueOf(row.influencerId())).toList());
    }

    @Name("campaign")
    public Uni<List<Campaign>> transitionCampaign(@Source List<LifecycleTransition> transitions) {
        List<Long> ids = transitions.stream().map(LifecycleTransition::campaignId).toList();
        return requests.runFor(LifecycleTransition.subscriberOf(transitions), Permission.READ, connection -> campaigns
                .byIds(connection, CampaignGraphQLApi.distinctNonNull(ids))
                .map(found -> CampaignGraphQLApi.aligned(ids, found)));
    }

    private Uni<List<SocialIdentity>> identitiesOf(List<String> ids) {
        List<Long> numeric = ids.stream().map(id -> id == null ? null : Long.parseLong(id)).toList();
        return requests.run(Permission.READ, connection -> identities.byIds(connection, numeric));
    }
}
