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
import org.socialcrm.contact.ContactQuery;
import org.socialcrm.contact.ContactRepository;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantRequests;
import org.socialcrm.targeting.ContactFilterInput;
import org.socialcrm.targeting.FilterCodec;
import org.socialcrm.targeting.RuleCodec;
import org.socialcrm.targeting.RuleCompiler;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;

@GraphQLApi
public class SegmentGraphQLApi {

    private final TenantRequests requests;
    private final SegmentRepository segments;
    private final ContactRepository contacts;
    private final RuleCompiler rules;

    public SegmentGraphQLApi(TenantRequests requests, SegmentRepository segments, ContactRepository contacts, RuleCompiler rules) {
        this.requests = requests;
        this.segments = segments;
        this.contacts = contacts;
        this.rules = rules;
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
            String name = SegmentNames.check(input.name());
            if (input.filter() == null && input.rule() == null) {
                throw new BadUserInputException("filter", "give a filter, a rule or both");
            }
            Long id = input.id() == null ? null : Ids.require(input.id(), "id");
            ContactFilterInput filter = input.filter() == null ? ContactFilterInput.EMPTY : input.filter();
            JsonObject rule = RuleCodec.encode(input.rule());
            Uni<Void> editable = id == null ? Uni.createFrom().voidItem() : segments.require(c, input.id(), "id").invoke(existing -> {
                if (existing.isStatic()) {
                    throw new BadUserInputException("id", "a static segment's members are frozen; take a new snapshot instead");
                }
            }).replaceWithVoid();
            // checks the definition the way every read will compile it (stages, ids, custom fields, cycles, limits)
            return editable.chain(() -> rules.definition(c, scope.tenant().stageKeys(), id, filter, rule))
                    .chain(() -> segments.save(c, id, name, FilterCodec.encode(filter), rule));
        }, Segment::id);
    }

    @Mutation("snapshotSegment")
    public Uni<@NonNull Segment> snapshotSegment(@Id @NonNull @Name("id") String id, @NonNull @Name("name") String name) {
        return requests.mutate(Permission.MANAGE_SEGMENTS, "segment.snapshot", (scope, c) -> {
            String checked = SegmentNames.check(name);
            return segments.require(c, id, "id")
                    .chain(segment -> rules.segment(c, scope.tenant().stageKeys(), segment.definition()))
                    .chain(members -> segments.snapshot(c, checked, members));
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

    /** Counted with the very conditions contacts(filter: {segmentId}) uses; all segments of a response in one statement. */
    @NonNull
    public Uni<List<Integer>> size(@Source List<Segment> list) {
        return requests.run(Permission.READ, (scope, c) -> members(c, scope.tenant().stageKeys(), list)
                .chain(queries -> contacts.counts(c, queries)));
    }

    @NonNull
    public Uni<List<ContactConnection>> contacts(@Source List<Segment> list, @DefaultValue("50") Integer first, String after) {
        return requests.run(Permission.READ, (scope, c) -> {
            int size = PageSize.check(first, 50);
            return members(c, scope.tenant().stageKeys(), list).chain(queries -> {
                Cursor cursor = after == null || queries.isEmpty() ? null
                        : Cursor.decode(after, queries.get(0).order().cursorKind(), queries.get(0).order().cursorKey());
                return contacts.pages(c, queries, cursor, size);
            });
        });
    }

    private Uni<List<ContactQuery>> members(SqlConnection c, List<String> stages, List<Segment> list) {
        return rules.segments(c, stages, list.stream().map(Segment::definition).toList())
                .map(conditions -> conditions.stream().map(members -> new ContactQuery(null).where(members)).toList());
    }
}
