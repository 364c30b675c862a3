package org.socialcrm.field;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.Cursor;
import org.socialcrm.common.Ids;
import org.socialcrm.common.PageInfo;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Turfs, their stops and contacts. Reads take {@code assignee}: null for callers who see every turf, a field worker's
 * subject to see only the turfs assigned to it (TurfContactVisibility).
 */
@ApplicationScoped
public class TurfRepository {

    static final String CURSOR_KIND = "turf";
    private static final String SELECT = "select t.*, (select count(*) from turf_stop s where s.turf_id = t.id) as doors, "
            + "(select count(*) from turf_contact tc where tc.turf_id = t.id) as contacts from turf t";
    /** Canvasses that count for a turf: recorded for it, or for one of its contacts since it was cut. */
    static final String COUNTS_FOR_TURF = "(k.turf_id = t.id or (k.turf_id is null and k.occurred_at >= t.created_at))";

    /** Stores cut turfs (ids drawn first, so rows and stops need no mapping back) and returns them in cut order. */
    public Uni<List<Turf>> insert(SqlConnection connection, Long segmentId, String namePrefix, List<TurfCutter.Cut> cuts) {
        if (cuts.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return connection.preparedQuery("select nextval(pg_get_serial_sequence('turf', 'id')) from generate_series(1, $1)")
                .execute(Tuple.of(cuts.size())).chain(idRows -> {
                    Long[] ids = new Long[cuts.size()];
                    int next = 0;
                    for (Row row : idRows) {
                        ids[next++] = row.getLong(0);
                    }
                    String[] names = new String[cuts.size()];
                    List<Long> stopTurf = new ArrayList<>();
                    List<Integer> stopPosition = new ArrayList<>();
                    List<String> stopKey = new ArrayList<>();
                    List<Double> stopLatitude = new ArrayList<>();
                    List<Double> stopLongitude = new ArrayList<>();
                    List<Double> stopMeters = new ArrayList<>();
                    List<Long> memberTurf = new ArrayList<>();
                    List<Long> memberContact = new ArrayList<>();
                    List<String> memberKey = new ArrayList<>();
                    for (int t = 0; t < cuts.size(); t++) {
                        names[t] = namePrefix + " " + (t + 1);
                        TurfCutter.Cut cut = cuts.get(t);
                        for (int s = 0; s < cut.stops().size(); s++) {
                            Door door = cut.stops().get(s);
                            stopTurf.add(ids[t]);
                            stopPosition.add(s + 1);
                            stopKey.add(door.key());
                            stopLatitude.add(door.latitude());
                            stopLongitude.add(door.longitude());
                            stopMeters.add(cut.metersFromPrevious()[s]);
                            for (long contactId : door.contactIds()) {
                                memberTurf.add(ids[t]);
                                memberContact.add(contactId);
                                memberKey.add(door.key());
                            }
                        }
                    }
                    return connection.preparedQuery("insert into turf (id, name, segment_id) overriding system value "
                            + "select i, n, $3 from unnest($1::bigint[], $2::text[]) u(i, n)")
                            .execute(Tuple.of(ids, names, segmentId))
                            .chain(() -> connection.preparedQuery("insert into turf_stop (turf_id, position, household_key, latitude, "
                                    + "longitude, meters_from_previous) select * from unnest($1::bigint[], $2::int[], $3::text[], "
                                    + "$4::float8[], $5::float8[], $6::float8[])")
                                    .execute(Tuple.of(stopTurf.toArray(Long[]::new), stopPosition.toArray(Integer[]::new),
                                            stopKey.toArray(String[]::new), stopLatitude.toArray(Double[]::new),
                                            stopLongitude.toArray(Double[]::new), stopMeters.toArray(Double[]::new))))
                            .chain(() -> connection.preparedQuery("insert into turf_contact (turf_id, contact_id, household_key) "
                                    + "select * from unnest($1::bigint[], $2::bigint[], $3::text[]) on conflict do nothing")
                                    .execute(Tuple.of(memberTurf.toArray(Long[]::new), memberContact.toArray(Long[]::new),
                                            memberKey.toArray(String[]::new))))
                            .chain(() -> byIds(connection, List.of(ids), null));
                });
    }

    public Uni<TurfConnection> page(SqlConnection connection, String assignee, Cursor after, int first) {
        List<Object> values = new ArrayList<>();
        List<String> where = new ArrayList<>();
        if (assignee != null) {
            values.add(assignee);
            where.add("t.assignee = $" + values.size());
        }
        if (after != null) {
            values.add(after.id());
            where.add("t.id < $" + values.size());
        }
        values.add(first + 1);
        String sql = SELECT + (where.isEmpty() ? "" : " where " + String.join(" and ", where)) + " order by t.id desc limit $" + values.size();
        return connection.preparedQuery(sql).execute(Tuple.from(values)).map(rows -> {
            List<TurfEdge> edges = new ArrayList<>();
            boolean more = false;
            for (Row row : rows) {
                if (edges.size() == first) {
                    more = true;
                    break;
                }
                Turf turf = toTurf(row);
                edges.add(new TurfEdge(new Cursor(CURSOR_KIND, "", row.getLong("id")).encode(), turf));
            }
            return new TurfConnection(edges, new PageInfo(more, edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()));
        });
    }

    public Uni<Integer> count(SqlConnection connection, String assignee) {
        return connection.preparedQuery("select count(*) from turf t where $1::text is null or t.assignee = $1").execute(Tuple.of(assignee))
                .map(rows -> rows.iterator().next().getLong(0).intValue());
    }

    /** Turfs assigned to {@code assignee}, oldest first. */
    public Uni<List<Turf>> assignedTo(SqlConnection connection, String assignee) {
        return connection.preparedQuery(SELECT + " where t.assignee = $1 order by t.id").execute(Tuple.of(assignee)).map(TurfRepository::toTurfs);
    }

    /** Turfs by id in the order of {@code ids}; a turf that does not exist or that the caller may not see is null. */
    public Uni<List<Turf>> byIds(SqlConnection connection, List<Long> ids, String assignee) {
        return connection.preparedQuery(SELECT + " where t.id = any($1) and ($2::text is null or t.assignee = $2)")
                .execute(Tuple.of(ids.toArray(Long[]::new), assignee)).map(rows -> {
                    Map<Long, Turf> byId = new HashMap<>();
                    toTurfs(rows).forEach(turf -> byId.put(Ids.parse(turf.id()), turf));
                    return ids.stream().map(byId::get).toList();
                });
    }

    public Uni<Optional<Turf>> assign(SqlConnection connection, long id, String assignee) {
        return connection.preparedQuery("update turf set assignee = $2 where id = $1 returning id").execute(Tuple.of(id, assignee))
                .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(Optional.<Turf> empty())
                        : byIds(connection, List.of(id), null).map(found -> Optional.of(found.get(0))));
    }

    /** The walk list of each turf, in the order of {@code turfIds}: stops with their household and whether visited. */
    public Uni<List<List<WalkStop>>> walkLists(SqlConnection connection, List<Long> turfIds) {
        return connection.preparedQuery("select s.turf_id, s.position, s.meters_from_previous, s.household_key, h.line1, h.line2, h.city, "
                + "h.region, h.postal_code, h.country, coalesce(h.latitude, s.latitude) as latitude, "
                + "coalesce(h.longitude, s.longitude) as longitude, exists (select 1 from turf_contact tc join canvass k on k.contact_id = tc.contact_id "
                + "where tc.turf_id = s.turf_id and tc.household_key = s.household_key and " + COUNTS_FOR_TURF + ") as visited "
                + "from turf_stop s join turf t on t.id = s.turf_id left join lateral (select " + HouseholdRepository.COLUMNS
                + " from contact c where c.household_key = s.household_key group by c.household_key) h on true "
                + "where s.turf_id = any($1) order by s.turf_id, s.position")
                .execute(Tuple.of(turfIds.toArray(Long[]::new))).map(rows -> {
                    Map<Long, List<WalkStop>> byTurf = new HashMap<>();
                    for (Row row : rows) {
                        Double meters = row.getDouble("meters_from_previous");
                        byTurf.computeIfAbsent(row.getLong("turf_id"), k -> new ArrayList<>()).add(new WalkStop(row.getInteger("position"),
                                HouseholdRepository.toHousehold(row), meters, row.getBoolean("visited")));
                    }
                    return turfIds.stream().map(id -> byTurf.getOrDefault(id, List.of())).toList();
                });
    }

    public Uni<List<TurfProgress>> progress(SqlConnection connection, List<Long> turfIds) {
        return connection.preparedQuery("select t.id, (select count(*) from turf_stop s where s.turf_id = t.id) as doors, "
                + "(select count(distinct tc.household_key) from turf_contact tc join canvass k on k.contact_id = tc.contact_id "
                + "where tc.turf_id = t.id and " + COUNTS_FOR_TURF + ") as knocked, "
                + "(select count(distinct tc.contact_id) from turf_contact tc join canvass k on k.contact_id = tc.contact_id "
                + "where tc.turf_id = t.id and k.outcome = 'CONTACTED' and " + COUNTS_FOR_TURF + ") as contacted, "
                + "(select count(*) from turf_contact tc join contact c on c.id = tc.contact_id where tc.turf_id = t.id "
                + "and c.support_level between 1 and 2) as supporters from turf t where t.id = any($1)")
                .execute(Tuple.of(turfIds.toArray(Long[]::new))).map(rows -> {
                    Map<Long, TurfProgress> byId = new HashMap<>();
                    for (Row row : rows) {
                        byId.put(row.getLong("id"), new TurfProgress(row.getLong("doors").intValue(), row.getLong("knocked").intValue(),
                                row.getLong("contacted").intValue(), row.getLong("supporters").intValue()));
                    }
                    return turfIds.stream().map(id -> byId.getOrDefault(id, new TurfProgress(0, 0, 0, 0))).toList();
                });
    }

    private static List<Turf> toTurfs(RowSet<Row> rows) {
        List<Turf> turfs = new ArrayList<>();
        rows.forEach(row -> turfs.add(toTurf(row)));
        return turfs;
    }

    private static Turf toTurf(Row row) {
        return new Turf(Ids.of(row.getLong("id")), row.getString("name"), row.getString("assignee"), row.getLong("doors").intValue(),
                row.getLong("contacts").intValue(), row.getLong("segment_id"), row.getOffsetDateTime("created_at"));
    }
}
