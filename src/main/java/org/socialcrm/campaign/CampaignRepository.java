package org.socialcrm.campaign;

import org.socialcrm.common.Channel;

import java.time.OffsetDateTime;
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
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** SQL for campaigns, on a connection whose transaction already points at the tenant's schema. */
@ApplicationScoped
public class CampaignRepository {

    static final String CURSOR_KIND = "cp";

    public Uni<Campaign> insert(SqlConnection connection, String name, CampaignInput input) {
        return connection.preparedQuery("insert into campaign (name, status, channel, starts_at, ends_at, budget) "
                + "values ($1, $2, $3, $4, $5, $6) returning *")
                .execute(Tuple.tuple().addString(name)
                        .addString((input.status() == null ? CampaignStatus.DRAFT : input.status()).name())
                        .addString(input.channel() == null ? null : input.channel().name())
                        .addOffsetDateTime(input.startsAt()).addOffsetDateTime(input.endsAt()).addDouble(input.budget()))
                .map(rows -> toCampaign(rows.iterator().next()));
    }

    public Uni<Optional<Campaign>> findById(SqlConnection connection, long id, boolean forUpdate) {
        return connection.preparedQuery("select * from campaign where id = $1" + (forUpdate ? " for update" : ""))
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(toCampaign(rows.iterator().next())) : Optional.empty());
    }

    public Uni<Campaign> update(SqlConnection connection, long id, String name, CampaignStatus status, Channel channel,
            OffsetDateTime startsAt, OffsetDateTime endsAt, Double budget) {
        return connection.preparedQuery("update campaign set name = $2, status = $3, channel = $4, starts_at = $5, "
                + "ends_at = $6, budget = $7, updated_at = now() where id = $1 returning *")
                .execute(Tuple.tuple().addLong(id).addString(name).addString(status.name())
                        .addString(channel == null ? null : channel.name())
                        .addOffsetDateTime(startsAt).addOffsetDateTime(endsAt).addDouble(budget))
                .map(rows -> toCampaign(rows.iterator().next()));
    }

    /** The campaigns with these ids (unknown ids are simply absent), in one query. */
    public Uni<Map<Long, Campaign>> byIds(SqlConnection connection, List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return connection.preparedQuery("select * from campaign where id = any($1)")
                .execute(Tuple.of(ids.toArray(new Long[0]))).map(rows -> {
                    Map<Long, Campaign> out = new HashMap<>();
                    for (Row row : rows) {
                        out.put(row.getLong("id"), toCampaign(row));
                    }
                    return out;
                });
    }

    /** Newest campaigns first (id desc), keyset-paged. */
    public Uni<CampaignConnection> page(SqlConnection connection, CampaignStatus status, Cursor after, int first) {
        return connection.preparedQuery("select * from campaign where ($1::text is null or status = $1) "
                + "and ($2::bigint is null or id < $2) order by id desc limit $3")
                .execute(Tuple.tuple().addString(status == null ? null : status.name())
                        .addLong(after == null ? null : after.id()).addInteger(first + 1))
                .map(rows -> {
                    List<CampaignEdge> edges = new ArrayList<>();
                    boolean more = false;
                    for (Row row : rows) {
                        if (edges.size() == first) {
                            more = true;
                            break;
                        }
                        long id = row.getLong("id");
                        edges.add(new CampaignEdge(new Cursor(CURSOR_KIND, "", id).encode(), toCampaign(row)));
                    }
                    return new CampaignConnection(edges,
                            new PageInfo(more, edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()), status);
                });
    }

    public Uni<Integer> count(SqlConnection connection, CampaignStatus status) {
        return connection.preparedQuery("select count(*) from campaign where ($1::text is null or status = $1)")
                .execute(Tuple.tuple().addString(status == null ? null : status.name()))
                .map(rows -> rows.iterator().next().getLong(0).intValue());
    }

    /** Live touchpoints per campaign plus the counts kept from erased contacts; one grouped query. */
    public Uni<Map<Long, Integer>> touchpointCounts(SqlConnection connection, List<Long> ids) {
        return counts(connection, ids, "select c.id, c.erased_touchpoints + coalesce(n.cnt, 0) from campaign c "
                + "left join (select campaign_id, count(*) as cnt from touchpoint where campaign_id = any($1) "
                + "group by campaign_id) n on n.campaign_id = c.id where c.id = any($1)");
    }

    /** Live conversions per campaign plus the counts kept from erased contacts; one grouped query. */
    public Uni<Map<Long, Integer>> conversionCounts(SqlConnection connection, List<Long> ids) {
        return counts(connection, ids, "select c.id, c.erased_conversions + coalesce(n.cnt, 0) from campaign c "
                + "left join (select campaign_id, count(*) as cnt from conversion where campaign_id = any($1) "
                + "group by campaign_id) n on n.campaign_id = c.id where c.id = any($1)");
    }

    private static Uni<Map<Long, Integer>> counts(SqlConnection connection, List<Long> ids, String sql) {
        return connection.preparedQuery(sql).execute(Tuple.of(ids.toArray(new Long[0]))).map(rows -> {
            Map<Long, Integer> out = new HashMap<>();
            for (Row row : rows) {
                out.put(row.getLong(0), row.getLong(1).intValue());
            }
            return out;
        });
    }

    static Campaign toCampaign(Row row) {
        return new Campaign(Ids.of(row.getLong("id")), row.getString("name"), CampaignStatus.valueOf(row.getString("status")),
                Channel.parse(row.getString("channel")), row.getOffsetDateTime("starts_at"), row.getOffsetDateTime("ends_at"),
                row.getDouble("budget"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }
}
