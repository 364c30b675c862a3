package org.socialcrm.ingest;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantRequests;

import io.smallrye.mutiny.Uni;

@GraphQLApi
public class IngestGraphQLApi {

    private final TenantRequests requests;
    private final MetricIngest ingest;

    public IngestGraphQLApi(TenantRequests requests, MetricIngest ingest) {
        this.requests = requests;
        this.ingest = ingest;
    }

    @Mutation("ingestMetrics")
    @Description("Partner connectors push metric points (scope metrics:write). Idempotent per (identity, metric, observedAt). At most 10000 points.")
    public Uni<@NonNull IngestResult> ingestMetrics(@NonNull @Name("points") List<@NonNull MetricPointInput> points) {
        return requests.mutate(Permission.WRITE_METRICS, "metrics.ingest",
                (scope, connection) -> ingest.ingest(connection, points, List.of(), "partner"), result -> null);
    }
}
