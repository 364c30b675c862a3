package org.socialcrm.change;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.Ids;
import org.socialcrm.common.PageInfo;
import org.socialcrm.common.PageSize;
import org.socialcrm.common.IngestRejection;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantRequests;

import io.smallrye.graphql.api.Nullable;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The change feed query. */
@GraphQLApi
public class ChangeGraphQLApi {

    static final int MAX_TYPES = 20;

    private final TenantRequests requests;
    private final ChangeFeed feed;
    private final ChangeStream stream;

    public ChangeGraphQLApi(TenantRequests requests, ChangeFeed feed, ChangeStream stream) {
        this.requests = requests;
        this.feed = feed;
        this.stream = stream;
    }

    @Query("changes")
    @Description("The tenant's committed changes in feed order, resumable from any cursor for the retention period.")
    public Uni<@NonNull ChangeConnection> changes(@Name("after") String after, @DefaultValue("100") @Name("first") Integer first,
            @Nullable @Name("types") List<@NonNull String> types) {
        return requests.run(Permission.READ, connection -> {
            int size = PageSize.check(first, 100);
            ChangePosition from = ChangePosition.parse(after, "after");
            if (types != null && (types.size() > MAX_TYPES || types.stream().anyMatch(t -> t.length() > 100))) {
                throw new BadUserInputException("types", "at most " + MAX_TYPES + " change types");
            }
            return feed.page(connection, from, types, size + 1).map(found -> {
                List<Change> page = found.size() > size ? found.subList(0, size) : found;
                List<ChangeEdge> edges = page.stream().map(c -> new ChangeEdge(c.position().cursor(), c)).toList();
                String end = edges.isEmpty() ? after : edges.get(edges.size() - 1).cursor();
                return new ChangeConnection(edges, new PageInfo(found.size() > size, end));
            });
        });
    }
}
