package org.socialcrm.segment;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
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
import org.socialcrm.contact.ContactConnection;
import org.socialcrm.contact.ContactFilters;
import org.socialcrm.contact.ContactQuery;
import org.socialcrm.contact.ContactRepository;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantRequests;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@GraphQLApi
public class SegmentGraphQLApi {

    private final TenantRequests requests;
    private final SegmentRepository segments;
    private final ContactRepository contacts;

    public SegmentGraphQLApi(TenantRequests requests, SegmentRepository segments, ContactRepository contacts) {
        this.requests = requests;
        this.segments = segments;
        this.contacts = contacts;
    }

    @Query("segment")
    public Uni<Segment> segment(@Id @NonNull @Name("id") String id) {
        return requests.run(Permission.READ, c -> segments.find(c, Ids.parse(id, "id")).map(s -> s.orElse(null)));
    }

    @Query("segments")
    public Uni<@NonNull List<@NonNull Segment>> segments() {
        return requests.run(Permission.READ, c -> segments.list(c));
    }

    @Mutation("saveSegment")
    public Uni<@NonNull Segment> saveSegment(@NonNull SegmentInput input) {
        return requests.mutate(Permission.MANAGE_SEGMENTS, "segment.save", (scope, c) -> {
            if (input.name() == null || input.name().isBlank() || input.name().length() > 200) {
                throw new BadUserInputException("name", "is required, at most 200 characters");
            }
            // validates the filter the way contacts(filter) would
            ContactFilters.apply(new ContactQuery(null), input.filter().criteria(), scope.tenant().stageKeys(), "filter.");
            Long id = input.id() == null ? null : Ids.require(input.id(), "id");
            return segments.save(c, id, input.name().trim(), input.filter().criteria());
        }, Segment::id);
    }

    @Mutation("deleteSegment")
    public Uni<@NonNull Boolean> deleteSegment(@Id @NonNull @Name("id") String id) {
        return requests.mutate(Permission.MANAGE_SEGMENTS, "segment.delete", (scope, c) -> segments.delete(c, Ids.parse(id))
                .map(deleted -> {
                    if (!deleted) {
                        throw new NotFoundException("No such segment.");
                    }
                    return true;
                }), deleted -> id);
    }

    /** Counted with the very conditions contacts(filter) uses. */
    @NonNull
    public Uni<List<Integer>> size(@Source List<Segment> list) {
        return requests.run(Permission.READ, (scope, c) -> Multi.createFrom().iterable(list)
                .onItem().transformToUniAndConcatenate(s -> contacts.count(c,
                        ContactFilters.apply(new ContactQuery(null), s.criteria(), scope.tenant().stageKeys(), "filter.")))
                .collect().asList());
    }

    @NonNull
    public Uni<List<ContactConnection>> contacts(@Source List<Segment> list, @DefaultValue("50") Integer first, String after) {
        return requests.run(Permission.READ, (scope, c) -> {
            int size = PageSize.check(first, 50);
            return Multi.createFrom().iterable(list).onItem().transformToUniAndConcatenate(s -> {
                ContactQuery query = ContactFilters.apply(new ContactQuery(null), s.criteria(), scope.tenant().stageKeys(), "filter.");
                return contacts.page(c, query, after == null ? null : Cursor.decode(after, query.order().cursorKind(), query.order().cursorKey()), size);
            }).collect().asList();
        });
    }
}
