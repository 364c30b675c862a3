package org.socialcrm.field;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.Ids;
import org.socialcrm.common.JsonValues;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads of recorded canvasses. */
@ApplicationScoped
public class CanvassRepository {

    /** At most this many canvasses per contact in canvassHistory (latest first). */
    static final int HISTORY_LIMIT = 100;

    /** Canvasses by id, in the order of {@code ids}. */
    public Uni<List<CanvassResult>> byIds(SqlConnection connection, List<Long> ids) {
        return connection.preparedQuery("select * from canvass where id = any($1)").execute(Tuple.of(ids.toArray(Long[]::new))).map(rows -> {
            Map<Long, CanvassResult> byId = new HashMap<>();
            rows.forEach(row -> byId.put(row.getLong("id"), toResult(row)));
            return ids.stream().map(byId::get).toList();
        });
    }

    /** Each contact's canvasses, latest first, in the order of {@code contactIds}. */
    public Uni<List<List<CanvassResult>>> history(SqlConnection connection, List<Long> contactIds) {
        return connection.preparedQuery("select * from (select k.*, row_number() over (partition by k.contact_id "
                + "order by k.occurred_at desc, k.id desc) as rn from canvass k where k.contact_id = any($1)) h where h.rn <= $2 "
                + "order by h.contact_id, h.rn").execute(Tuple.of(contactIds.toArray(Long[]::new), HISTORY_LIMIT)).map(rows -> {
                    Map<Long, List<CanvassResult>> byContact = new HashMap<>();
                    rows.forEach(row -> byContact.computeIfAbsent(row.getLong("contact_id"), k -> new ArrayList<>()).add(toResult(row)));
                    return contactIds.stream().map(id -> byContact.getOrDefault(id, List.of())).toList();
                });
    }

    static CanvassResult toResult(Row row) {
        Object level = row.getValue("support_level");
        Object answers = row.getValue("answers");
        return new CanvassResult(Ids.of(row.getLong("id")), CanvassOutcome.valueOf(row.getString("outcome")),
                level == null ? null : ((Number) level).intValue(), answers == null ? null : JsonValues.toJsonP(answers),
                row.getString("recorded_by"), row.getOffsetDateTime("occurred_at"), row.getString("client_id"), row.getLong("contact_id"),
                row.getLong("turf_id"));
    }
}
