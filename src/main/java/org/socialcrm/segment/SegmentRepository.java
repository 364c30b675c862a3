package org.socialcrm.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.Ids;
import org.socialcrm.common.JsonValues;
import org.socialcrm.common.NotFoundException;
import org.socialcrm.contact.ContactCriteria;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

@ApplicationScoped
public class SegmentRepository {

    public Uni<Segment> save(SqlConnection connection, Long id, String name, ContactCriteria criteria) {
        JsonObject filter = SegmentFilterCodec.encode(criteria);
        Uni<io.vertx.mutiny.sqlclient.RowSet<Row>> write = id == null
                ? connection.preparedQuery("insert into segment (name, filter) values ($1, $2) returning *").execute(Tuple.of(name, filter))
                : connection.preparedQuery("update segment set name = $1, filter = $2, updated_at = now() where id = $3 returning *")
                        .execute(Tuple.of(name, filter, id));
        return write.onFailure(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState()))
                .transform(e -> new BadUserInputException("name", "another segment has this name"))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw new NotFoundException("No such segment.");
                    }
                    return toSegment(rows.iterator().next());
                });
    }

    public Uni<Boolean> delete(SqlConnection connection, long id) {
        return connection.preparedQuery("delete from segment where id = $1").execute(Tuple.of(id)).map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<Segment>> find(SqlConnection connection, long id) {
        return connection.preparedQuery("select * from segment where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(toSegment(rows.iterator().next())) : Optional.empty());
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

    /** A segment's filter, for {@code segmentId} arguments; NOT_FOUND (on the given field) when there is none. */
    public Uni<ContactCriteria> criteria(SqlConnection connection, String segmentId) {
        long id = Ids.parse(segmentId);
        return find(connection, id).map(found -> found.map(Segment::criteria)
                .orElseThrow(() -> new NotFoundException("No such segment.")));
    }

    private static Segment toSegment(Row row) {
        JsonObject filter = row.getJsonObject("filter");
        return new Segment(Ids.of(row.getLong("id")), row.getString("name"), JsonValues.toJsonP(filter), SegmentFilterCodec.decode(filter));
    }
}
