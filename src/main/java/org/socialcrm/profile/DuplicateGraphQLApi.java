package org.socialcrm.profile;

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
import org.socialcrm.common.PageSize;
import org.socialcrm.contact.Contact;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantRequests;

import io.smallrye.mutiny.Uni;

/** Probable duplicates and their dismissal; merging stays mergeContacts. */
@GraphQLApi
public class DuplicateGraphQLApi {

    private final TenantRequests requests;
    private final DuplicateFinder finder;

    public DuplicateGraphQLApi(TenantRequests requests, DuplicateFinder finder) {
        this.requests = requests;
        this.finder = finder;
    }

    @Query("duplicateCandidates")
    @Description("Pairs of contacts that are probably the same person (score 0-1, best first).")
    public Uni<@NonNull DuplicateCandidateConnection> duplicateCandidates(@DefaultValue("50") @Name("first") Integer first,
            @Name("after") String after, @DefaultValue("0.7") @Name("minScore") Double minScore) {
        return requests.run(Permission.READ, connection -> {
            int size = PageSize.check(first, 50);
            double min = minScore == null ? 0.7 : minScore;
            if (min < 0 || min > 1) {
                throw new BadUserInputException("minScore", "must be 0 to 1");
            }
            return finder.page(connection, min, after == null ? null : Cursor.decode(after, DuplicateFinder.CURSOR_KIND), size);
        });
    }

    @NonNull
    public Uni<List<List<@NonNull DuplicateCandidate>>> duplicateCandidates(@Source List<Contact> parents,
            @DefaultValue("10") @Name("first") Integer first) {
        List<Long> ids = ProfileGraphQLApi.ids(parents);
        return requests.run(Permission.READ, connection -> finder.byContacts(connection, ids, PageSize.check(first, 10)));
    }

    @Mutation("dismissDuplicate")
    public Uni<@NonNull Boolean> dismissDuplicate(@Id @NonNull @Name("contactId") String contactId, @Id @NonNull @Name("otherId") String otherId) {
        return requests.mutate(Permission.WRITE_CONTACTS, "duplicate.dismiss", (scope, connection) -> finder.dismiss(connection,
                Ids.require(contactId, "contactId"), Ids.require(otherId, "otherId")), dismissed -> contactId);
    }
}
