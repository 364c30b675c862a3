package org.socialcrm.campaign;

import org.socialcrm.common.Channel;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.Cursor;
import org.socialcrm.common.Ids;
import org.socialcrm.common.JsonValues;
import org.socialcrm.common.NotFoundException;
import org.socialcrm.common.PageInfo;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** SQL for touchpoints and conversions, on a connection already pointed at the tenant's schema. */
@ApplicationScoped
public class TouchpointRepository {

    public static final String CURSOR_KIND = "tp";
    /** A contact's touchpoints, latest first (unqualified columns, so any query over touchpoint can use it). */
    public static final String LATEST_FIRST = "occurred_at desc, id desc";

    /**
     * Fails with NOT_FOUND unless the contact exists, and the campaign and the social identity exist when given
     * (null ids are not checked). One query.
     */
    public Uni<Void> requireReferences(SqlConnection connection, long contactId, Long campaignId, Long identityId) {
        return connection.preparedQuery("select exists (select 1 from contact where id = $1), "
                + "$2::bigint is null or exists (select 1 from campaign where id = $2), "
                + "$3::bigint is null or exists (select 1 from social_identity where id = $3)")
                .execute(Tuple.tuple().addLong(contactId).addLong(campaignId).addLong(identityId))
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    if (!row.getBoolean(0)) {
                        throw new NotFoundException("Contact not found");
                    }
                    if (!row.getBoolean(1)) {
                        throw new NotFoundException("Campaign not found");
                    }
                    if (!row.getBoolean(2)) {
                        throw new NotFoundException("Social identity not found");
                    }
                }).replaceWithVoid();
    }

    public Uni<Touchpoint> insertTouchpoint(SqlConnection connection, long contactId, Long campaignId, Channel channel,
            Long identityId, OffsetDateTime occurredAt, JsonObject source) {
        return connection.preparedQuery("insert into touchpoint (contact_id, campaign_id, channel, influencer_identity_id, "
                + "occurred_at, source) values ($1, $2, $3, $4, coalesce($5, now()), $6) returning *")
                .execute(Tuple.tuple().addLong(contactId).addLong(campaignId).addString(channel.name()).addLong(identityId)
                        .addOffsetDateTime(occurredAt).addValue(source))
                .map(rows -> toTouchpoint(rows.iterator().next()));
    }

    public Uni<Conversion> insertConversion(SqlConnection connection, long contactId, Long campaignId,
            OffsetDateTime occurredAt, Double value, String stage) {
        return connection.preparedQuery("insert into conversion (contact_id, campaign_id, occurred_at, value, stage) "
                + "values ($1, $2, coalesce($3, now()), $4, $5) returning *")
                .execute(Tuple.tuple().addLong(contactId).addLong(campaignId).addOffsetDateTime(occurredAt)
                        .addDouble(value).addString(stage))
                .map(rows -> toConversion(rows.iterator().next()));
    }

    /**
     * The first {@code first} touchpoints (latest first) of each contact, after the cursor if given, in ONE
     * statement: a window numbers each contact's touchpoints and keeps {@code first + 1} of them (the extra one
     * tells whether another page follows).
     */
    public Uni<Map<Long, TouchpointConnection>> pagesByContact(SqlConnection connection, List<Long> contactIds,
            Cursor after, int first) {
        String sql = "select * from (select t.*, t.occurred_at::text as sort_key, "
                + "row_number() over (partition by t.contact_id order by " + LATEST_FIRST + ") as rn "
                + "from touchpoint t where t.contact_id = any($1) "
                + "and ($2::text is null or (t.occurred_at, t.id) < ($2::text::timestamptz, $3::bigint))) x "
                + "where rn <= $4 order by contact_id, rn";
        Tuple params = Tuple.tuple().addValue(contactIds.toArray(new Long[0]))
                .addString(after == null ? null : after.sortKey()).addLong(after == null ? null : after.id())
                .addInteger(first + 1);
        return connection.preparedQuery(sql).execute(params).map(rows -> {
            Map<Long, List<Row>> byContact = new LinkedHashMap<>();
            for (Row row : rows) {
                byContact.computeIfAbsent(row.getLong("contact_id"), k -> new ArrayList<>()).add(row);
            }
            Map<Long, TouchpointConnection> out = new HashMap<>();
            for (Long contactId : contactIds) {
                List<Row> list = byContact.getOrDefault(contactId, List.of());
                List<TouchpointEdge> edges = new ArrayList<>();
                for (Row row : list.subList(0, Math.min(first, list.size()))) {
                    edges.add(new TouchpointEdge(new Cursor(CURSOR_KIND, row.getString("sort_key"), row.getLong("id")).encode(),
                            toTouchpoint(row)));
                }
                out.put(contactId, new TouchpointConnection(edges,
                        new PageInfo(list.size() > first, edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()),
                        contactId));
            }
            return out;
        });
    }

    /** Touchpoints per contact, one grouped query. */
    public Uni<Map<Long, Integer>> countByContact(SqlConnection connection, List<Long> contactIds) {
        return counts(connection, "select contact_id, count(*) from touchpoint where contact_id = any($1) group by contact_id",
                contactIds);
    }

    /** Touchpoints each social identity made as the influencer, one grouped query. */
    public Uni<Map<Long, Integer>> countByInfluencer(SqlConnection connection, List<Long> identityIds) {
        return counts(connection, "select influencer_identity_id, count(*) from touchpoint "
                + "where influencer_identity_id = any($1) group by influencer_identity_id", identityIds);
    }

    private static Uni<Map<Long, Integer>> counts(SqlConnection connection, String sql, List<Long> ids) {
        return connection.preparedQuery(sql).execute(Tuple.of(ids.toArray(new Long[0]))).map(rows -> {
                    Map<Long, Integer> out = new HashMap<>();
                    for (Row row : rows) {
                        out.put(row.getLong(0), row.getLong(1).intValue());
                    }
                    return out;
                });
    }

    static Touchpoint toTouchpoint(Row row) {
        Long identity = row.getLong("influencer_identity_id");
        Object source = row.getValue("source");
        return new Touchpoint(Ids.of(row.getLong("id")), Channel.parse(row.getString("channel")),
                identity == null ? null : Ids.of(identity), row.getOffsetDateTime("occurred_at"),
                source == null ? null : JsonValues.toJsonP(source), row.getLong("contact_id"), row.getLong("campaign_id"));
    }

    static Conversion toConversion(Row row) {
        return new Conversion(Ids.of(row.getLong("id")), row.getOffsetDateTime("occurred_at"), row.getDouble("value"),
                row.getString("stage"), row.getLong("contact_id"), row.getLong("campaign_id"));
    }
}
