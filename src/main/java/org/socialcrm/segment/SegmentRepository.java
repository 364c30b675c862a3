package org.socialcrm.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.Ids;
import org.socialcrm.common.JsonValues;
import org.socialcrm.common.NotFoundException;
import org.socialcrm.targeting.Condition;
import org.socialcrm.targeting.SegmentDefinition;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

@ApplicationScoped
public class SegmentRepository {

    /** Segments whose rule names segment $1 (they would lose their meaning if it went). */
    private static final String USED_BY = "select name from segment where rule is not null "
            + "and jsonb_path_exists(rule, '$.**.inSegment ? (@ == $id)', jsonb_build_object('id', $1::text)) order by name limit 1";

    /** Creates (id null) or updates a live segment; a static segment's members are frozen (BAD_USER_INPUT). */
    public Uni<Segment> save(SqlConnection connection, Long id, String name, JsonObject filter, JsonObject rule) {
        Uni<RowSet<Row>> write = id == null
                ? connection.preparedQuery("insert into segment (name, filter, rule) values ($1, $2, $3) returning *")
                        .execute(Tuple.of(name, filter, rule))
                : connection.preparedQuery("update segment set name = $1, filter = $2, rule = $3, updated_at = now() where id = $4 returning *")
                        .execute(Tuple.of(name, filter, rule, id));
        return uniqueName(write).map(rows -> {
            if (!rows.iterator().hasNext()) {
                throw new NotFoundException("No such segment.");
            }
            return toSegment(rows.iterator().next());
        });
    }

    /** A static segment holding the contacts that {@code members} selects now (two statements). */
    public Uni<Segment> snapshot(SqlConnection connection, String name, Condition members) {
        return uniqueName(connection.preparedQuery("insert into segment (name, filter, static) values ($1, '{}', true) returning *")
                .execute(Tuple.of(name))).map(rows -> toSegment(rows.iterator().next()))
                .call(segment -> {
                    List<Object> params = new ArrayList<>(members.params());
                    params.add(Ids.parse(segment.id()));
                    // a CTE for Citus: the rule may call now() (docs/scale-out.md)
                    return connection.preparedQuery("with m as (select c.id from contact c where " + members.numbered(0) + ") "
                            + "insert into segment_member (segment_id, contact_id) select $" + params.size() + ", id from m")
                            .execute(Tuple.from(params));
                });
    }

    /** Deletes a segment no other segment's rule names (BAD_USER_INPUT naming the first that does). */
    public Uni<Boolean> delete(SqlConnection connection, long id) {
        return connection.preparedQuery(USED_BY).execute(Tuple.of(Ids.of(id))).chain(users -> {
            if (users.iterator().hasNext()) {
                throw new BadUserInputException("id", "segment \"" + users.iterator().next().getString(0) + "\" uses this segment in its rule");
            }
            return connection.preparedQuery("delete from segment where id = $1").execute(Tuple.of(id)).map(rows -> rows.rowCount() == 1);
        });
    }

    public Uni<Optional<Segment>> find(SqlConnection connection, long id) {
        return connection.preparedQuery("select * from segment where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(toSegment(rows.iterator().next())) : Optional.empty());
    }

    public Uni<Segment> require(SqlConnection connection, String id, String field) {
        return find(connection, Ids.parse(id, field)).map(found -> found.orElseThrow(() -> new NotFoundException("No such segment.")));
    }

    public Uni<List<Segment>> list(SqlConnection connection) {
        return connection.query("select * from segment order by name, id").execute().map(rows -> {
            List<Segment> out = new ArrayList<>();
            rows.forEach(row -> out.add(toSegment(row)));
            return out;
        });
    }

    /** The segments with these ids (one statement), for fields that name segments (score models' targets). */
    public Uni<List<Segment>> byIds(SqlConnection connection, List<Long> ids) {
        return connection.preparedQuery("select * from segment where id = any($1)").execute(Tuple.of(ids.toArray(Long[]::new)))
                .map(rows -> {
                    List<Segment> out = new ArrayList<>();
                    rows.forEach(row -> out.add(toSegment(row)));
                    return out;
                });
    }

    private static Uni<RowSet<Row>> uniqueName(Uni<RowSet<Row>> write) {
        return write.onFailure(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState()))
                .transform(e -> new BadUserInputException("name", "another segment has this name"));
    }

    private static Segment toSegment(Row row) {
        JsonObject filter = row.getJsonObject("filter");
        JsonObject rule = row.getJsonObject("rule");
        boolean isStatic = row.getBoolean("static");
        return new Segment(Ids.of(row.getLong("id")), row.getString("name"), JsonValues.toJsonP(filter),
                rule == null ? null : JsonValues.toJsonP(rule), isStatic,
                new SegmentDefinition(row.getLong("id"), filter, rule, isStatic));
    }
}
