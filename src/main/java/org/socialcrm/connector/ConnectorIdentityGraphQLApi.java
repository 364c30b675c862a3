package org.socialcrm.connector;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.Source;
import org.socialcrm.common.Ids;
import org.socialcrm.identity.SocialIdentity;
import org.socialcrm.identity.SocialIdentityRepository;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantRequests;

import io.smallrye.mutiny.Uni;

/** The social identity behind each connector account, loaded for a whole list at once. */
// Only @Source fields here: Quarkus does not register such API classes for reflection in native builds.
@RegisterForReflection
@GraphQLApi
public class ConnectorIdentityGraphQLApi {

    private final TenantRequests requests;
    private final SocialIdentityRepository identities;

    public ConnectorIdentityGraphQLApi(TenantRequests requests, SocialIdentityRepository identities) {
        this.requests = requests;
        this.identities = identities;
    }

    @Description("The social identity this account pulls metrics for.")
    public Uni<List<SocialIdentity>> identity(@Source List<ConnectorAccount> accounts) {
        return requests.run(Permission.READ, connection -> identities.byIds(connection,
                accounts.stream().map(a -> Ids.parse(a.identityId())).toList()));
    }
}
