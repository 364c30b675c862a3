package org.socialcrm.profile.importing;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.Cursor;
import org.socialcrm.common.Ids;
import org.socialcrm.common.NotFoundException;
import org.socialcrm.common.PageSize;
import org.socialcrm.ingest.IngestRejection;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantRequests;

import io.smallrye.mutiny.Uni;

/** Import jobs: progress, first rejections, cancellation (the upload itself is REST: ImportResource). */
@GraphQLApi
public class ImportGraphQLApi {

    private final TenantRequests requests;
    private final ImportJobs jobs;

    public ImportGraphQLApi(TenantRequests requests, ImportJobs jobs) {
        this.requests = requests;
        this.jobs = jobs;
    }

    @Query("importJob")
    @Description("A bulk import started through REST (POST /api/imports) or importContacts.")
    public Uni<ImportJob> importJob(@Id @NonNull @Name("id") String id) {
        return requests.run(Permission.READ, connection -> jobs.find(connection, Ids.parse(id)).map(j -> j.orElse(null)));
    }

    @Query("importJobs")
    public Uni<@NonNull ImportJobConnection> importJobs(@DefaultValue("20") @Name("first") Integer first, @Name("after") String after) {
        return requests.run(Permission.READ, connection -> {
            int size = PageSize.check(first, 20);
            Cursor cursor = after == null ? null : Cursor.decode(after, ImportJobs.CURSOR_KIND);
            return jobs.page(connection, cursor, size);
        });
    }

    @Mutation("cancelImport")
    public Uni<@NonNull ImportJob> cancelImport(@Id @NonNull @Name("id") String id) {
        return requests.mutate(Permission.WRITE_CONTACTS, "import.cancel", (scope, connection) -> jobs.cancel(connection, Ids.parse(id))
                .map(j -> j.orElseThrow(() -> new NotFoundException("No such import job."))), ImportJob::id);
    }

    @NonNull
    @Description("The first rejected rows with their line numbers and reasons (at most 1,000).")
    public Uni<List<List<@NonNull IngestRejection>>> rejections(@Source List<ImportJob> parents,
            @DefaultValue("100") @Name("first") Integer first) {
        if (first == null || first < 0 || first > 1000) {
            return Uni.createFrom().failure(new BadUserInputException("first", "must be 0 to 1000"));
        }
        List<Long> ids = parents.stream().map(j -> Ids.parse(j.id())).toList();
        return requests.run(Permission.READ, connection -> jobs.rejections(connection, ids, first));
    }
}
