package org.socialcrm.field;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.Ids;
import org.socialcrm.contact.Contact;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantRequests;

import io.smallrye.mutiny.Uni;

/** Get-out-the-vote: who voted, and how far a universe (a segment) is from done. */
@GraphQLApi
public class GotvGraphQLApi {

    static final int MAX_MARKED = 10_000;

    private final TenantRequests requests;
    private final VoteRepository votes;
    private final FieldSegments segments;

    public GotvGraphQLApi(TenantRequests requests, VoteRepository votes, FieldSegments segments) {
        this.requests = requests;
        this.votes = votes;
        this.segments = segments;
    }

    @Mutation("markVoted")
    @Description("Marks contacts as having voted (from early-vote files or poll watchers); idempotent. Returns how many were newly "
            + "marked; ids of no contact are ignored.")
    public Uni<@NonNull Integer> markVoted(@NonNull @Name("contactIds") List<@NonNull String> contactIds,
            @NonNull @Name("election") String election, @Name("source") String source) {
        String name;
        Long[] ids;
        try {
            name = election(election);
            if (source != null && source.length() > 200) {
                throw new BadUserInputException("source", "at most 200 characters");
            }
            if (contactIds.size() > MAX_MARKED) {
                throw new BadUserInputException("contactIds", "at most " + MAX_MARKED + " per call");
            }
            ids = contactIds.stream().map(id -> Ids.require(id, "contactIds")).toArray(Long[]::new);
        } catch (BadUserInputException e) {
            return Uni.createFrom().failure(e);
        }
        return requests.mutate(Permission.WRITE_CONTACTS, "votes.mark", (scope, connection) -> votes.mark(connection, ids, name, source),
                marked -> name);
    }

    /** An election's name: trimmed, 1 to 100 characters. */
    static String election(String election) {
        String name = election == null ? "" : election.trim();
        if (name.isEmpty() || name.length() > 100) {
            throw new BadUserInputException("election", "1 to 100 characters");
        }
        return name;
    }

    @NonNull
    public Uni<List<@NonNull Boolean>> voted(@Source List<Contact> parents, @NonNull @Name("election") String election) {
        String name = election == null ? "" : election.trim();
        return requests.run(Permission.READ, connection -> votes.voted(connection, parents.stream().map(c -> Ids.parse(c.id())).toList(), name));
    }

    @Query("gotvProgress")
    @Description("Progress of a get-out-the-vote universe: targets, contacted, voted, remaining. election (extension) defaults to "
            + "the election with the latest recorded vote.")
    public Uni<@NonNull GotvProgress> gotvProgress(@Id @NonNull @Name("segmentId") String segmentId, @Name("election") String election) {
        String name;
        try {
            name = election == null ? null : election(election);
        } catch (BadUserInputException e) {
            return Uni.createFrom().failure(e);
        }
        return requests.run(Permission.READ, (scope, connection) -> segments.members(connection, scope, segmentId)
                .chain(members -> votes.progress(connection, members, name)));
    }
}
