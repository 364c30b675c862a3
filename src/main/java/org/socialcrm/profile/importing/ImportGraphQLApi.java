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
import org.socialcrm.change.ChangeStream;
import org.socialcrm.change.ChangeTypes;
import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.Cursor;
import org.socialcrm.common.Ids;
import org.socialcrm.common.NotFoundException;
import org.socialcrm.common.PageSize;
import org.socialcrm.common.IngestRejection;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantRequests;

import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Import jobs: progress, first rejections, cancellation (the upload itself is REST: ImportResource). */
@GraphQLApi
public class ImportGraphQLApi {

    /** Marks the end of an importProgress stream, after the event of the finished job (never sent). */
    private static final ImportJob END = new ImportJob("", ImportStatus.SUCCEEDED, "", "", null, null, null, null, 0, 0, 0, 0, 0, 0);

    private final TenantRequests requests;
    private final ImportJobs jobs;
    private final ChangeStream stream;

    public ImportGraphQLApi(TenantRequests requests, ImportJobs jobs, ChangeStream stream) {
        this.stream = stream;
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

    @Subscription("importProgress")
    @Description("Progress of one import job: its state after each committed batch (read from the change feed's import.progress "
            + "and import.completed changes); ends when the job has finished. after: a change cursor to resume from.")
    public Multi<@NonNull ImportJob> importProgress(@Id @NonNull @Name("id") String id, @Name("after") String after) {
        long job = Ids.parse(id, "id");
        return stream.subscribe(after, List.of(ChangeTypes.IMPORT_PROGRESS, ChangeTypes.IMPORT_COMPLETED), (subscriber, batch) -> {
            if (batch.stream().noneMatch(change -> change.subject() == job)) {
                return Uni.createFrom().item(List.<ImportJob> of());
            }
            return requests.runAs(subscriber, connection -> jobs.find(connection, job))
                    .map(found -> found.map(j -> List.of(j.sentTo(subscriber))).orElse(List.of()));
        }).onItem().transformToMultiAndConcatenate(j -> j.finished() ? Multi.createFrom().items(j, END) : Multi.createFrom().item(j))
                .select().first(j -> j != END);
    }

    @NonNull
    @Description("The first rejected rows with their line numbers and reasons (at most 1,000).")
    public Uni<List<List<@NonNull IngestRejection>>> rejections(@Source List<ImportJob> parents,
            @DefaultValue("100") @Name("first") Integer first) {
        if (first == null || first < 0 || first > 1000) {
            return Uni.createFrom().failure(new BadUserInputException("first", "must be 0 to 1000"));
        }
        List<Long> ids = parents.stream().map(j -> Ids.parse(j.id())).toList();
        return requests.runFor(parents.isEmpty() ? null : parents.get(0).subscriber(), Permission.READ,
                connection -> jobs.rejections(connection, ids, first));
    }
}
