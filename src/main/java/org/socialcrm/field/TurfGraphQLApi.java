package org.socialcrm.field;

import java.util.ArrayList;
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
import org.socialcrm.common.CursorKey;
import org.socialcrm.common.Ids;
import org.socialcrm.common.NotFoundException;
import org.socialcrm.common.PageSize;
import org.socialcrm.segment.Segment;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantRequests;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Turfs: cut from a segment's households, assigned to field workers, walked. */
@GraphQLApi
public class TurfGraphQLApi {

    static final int MAX_DOORS = 1000;

    private final TenantRequests requests;
    private final TurfRepository turfs;
    private final FieldSegments segments;
    private final TurfContactVisibility visibility;

    public TurfGraphQLApi(TenantRequests requests, TurfRepository turfs, FieldSegments segments, TurfContactVisibility visibility) {
        this.requests = requests;
        this.turfs = turfs;
        this.segments = segments;
        this.visibility = visibility;
    }

    @Mutation("cutTurfs")
    @Description("Cuts a segment's households into geographically compact turfs of at most maxDoors doors each.")
    public Uni<@NonNull List<@NonNull Turf>> cutTurfs(@Id @NonNull @Name("segmentId") String segmentId, @NonNull @Name("maxDoors") int maxDoors,
            @Name("namePrefix") String namePrefix) {
        if (maxDoors < 1 || maxDoors > MAX_DOORS) {
            return Uni.createFrom().failure(new BadUserInputException("maxDoors", "must be between 1 and " + MAX_DOORS));
        }
        if (namePrefix != null && (namePrefix.isBlank() || namePrefix.length() > 100)) {
            return Uni.createFrom().failure(new BadUserInputException("namePrefix", "1 to 100 characters"));
        }
        String prefix = namePrefix == null ? "Turf" : namePrefix.trim();
        return requests.mutate(Permission.MANAGE_TURFS, "turfs.cut", (scope, connection) -> segments.members(connection, scope, segmentId)
                .chain(members -> doors(connection, members))
                .chain(doors -> turfs.insert(connection, Ids.parse(segmentId), prefix, TurfCutter.cut(doors, maxDoors))),
                cut -> segmentId);
    }

    /** The households of the given contacts, with the members living there. */
    static Uni<List<Door>> doors(SqlConnection connection, Long[] contactIds) {
        return connection.preparedQuery("select c.household_key, avg(c.latitude) as latitude, avg(c.longitude) as longitude, "
                + "min(" + HouseholdRepository.POSTAL_NORM.formatted("c.postal_code") + ") as postal, "
                + "min(lower(c.address_line1)) as street, array_agg(c.id order by c.id) as ids "
                + "from contact c where c.id = any($1) and c.household_key is not null group by c.household_key")
                .execute(Tuple.of((Object) contactIds)).map(rows -> {
                    List<Door> doors = new ArrayList<>(rows.size());
                    rows.forEach(row -> {
                        Long[] ids = row.getArrayOfLongs("ids");
                        long[] members = new long[ids.length];
                        for (int i = 0; i < ids.length; i++) {
                            members[i] = ids[i];
                        }
                        doors.add(new Door(row.getString("household_key"), number(row.getValue("latitude")), number(row.getValue("longitude")),
                                row.getString("postal"), row.getString("street"), members));
                    });
                    return doors;
                });
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    @Mutation("assignTurf")
    public Uni<@NonNull Turf> assignTurf(@Id @NonNull @Name("turfId") String turfId, @Name("assignee") String assignee) {
        if (assignee != null && (assignee.isBlank() || assignee.length() > 255)) {
            return Uni.createFrom().failure(new BadUserInputException("assignee", "a token subject: 1 to 255 characters"));
        }
        return requests.mutate(Permission.MANAGE_TURFS, "turf.assign", (scope, connection) -> turfs.assign(connection,
                Ids.parse(turfId, "turfId"), assignee).map(found -> found.orElseThrow(() -> new NotFoundException("No such turf."))),
                Turf::id);
    }

    @Query("turfs")
    public Uni<@NonNull TurfConnection> turfs(@DefaultValue("50") Integer first, String after) {
        return requests.run(Permission.READ, connection -> turfs.page(connection, visibility.fieldWorker(), after == null ? null
                : Cursor.decode(after, TurfRepository.CURSOR_KIND, CursorKey.TEXT), PageSize.check(first, 50)));
    }

    @NonNull
    public Uni<List<Integer>> totalCount(@Source List<TurfConnection> pages) {
        return requests.run(Permission.READ, connection -> turfs.count(connection, visibility.fieldWorker())
                .map(count -> pages.stream().map(page -> count).toList()));
    }

    @Query("myTurfs")
    @Description("Turfs assigned to the caller (role crm-field).")
    public Uni<@NonNull List<@NonNull Turf>> myTurfs() {
        return requests.run(Permission.READ, connection -> turfs.assignedTo(connection, requests.actor()));
    }

    @Query("turf")
    public Uni<Turf> turf(@Id @NonNull @Name("id") String id) {
        return requests.run(Permission.READ, connection -> turfs.byIds(connection, List.of(Ids.parse(id, "id")), visibility.fieldWorker())
                .map(found -> found.get(0)));
    }

    public Uni<List<Segment>> segment(@Source List<Turf> parents) {
        return requests.run(Permission.READ, connection -> segments.byIds(connection, parents.stream().map(Turf::segmentId).toList()));
    }

    @NonNull
    @Description("Households in walking order (a short route), with what was already recorded.")
    public Uni<List<List<@NonNull WalkStop>>> walkList(@Source List<Turf> parents) {
        return requests.run(Permission.READ, connection -> turfs.walkLists(connection, ids(parents)));
    }

    @NonNull
    public Uni<List<@NonNull TurfProgress>> progress(@Source List<Turf> parents) {
        return requests.run(Permission.READ, connection -> turfs.progress(connection, ids(parents)));
    }

    private static List<Long> ids(List<Turf> parents) {
        return parents.stream().map(t -> Ids.parse(t.id())).toList();
    }
}
