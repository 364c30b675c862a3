package org.socialcrm.identity;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.Cursor;
import org.socialcrm.common.PageInfo;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** SQL for social identities, on a connection whose transaction already points at the tenant's schema. */
@ApplicationScoped
public class SocialIdentityRepository {

    /** The order of a contact's identities (unqualified columns, so any query over social_identity can use it). */
    public static final String CONTACT_ORDER = "network, id";

    /** Inserts unless (network, normalised handle) is taken; empty when it is. */
    public Uni<Optional<SocialIdentity>> insert(SqlConnection connection, long contactId, SocialIdentityInput input,
            String normalizedHandle) {
        Tuple values = Tuple.tuple().addLong(contactId).addString(input.network().name()).addString(input.handle().trim())
                .addString(normalizedHandle).addString(input.externalId()).addString(input.profileUrl())
                .addBoolean(Boolean.TRUE.equals(input.verified()));
        return connection.preparedQuery("insert into social_identity (contact_id, network, handle, handle_normalized, "
                + "external_id, profile_url, verified) values ($1, $2, $3, $4, $5, $6, $7) "
                + "on conflict (network, handle_normalized) do nothing returning *")
                .execute(values).map(SocialIdentityRepository::first);
    }

    public Uni<Optional<SocialIdentity>> findById(SqlConnection connection, long id) {
        return connection.preparedQuery("select * from social_identity where id = $1").execute(Tuple.of(id))
                .map(SocialIdentityRepository::first);
    }

    /** Deletes an identity; the id of its contact, or empty when there was none. */
    public Uni<Optional<Long>> delete(SqlConnection connection, long id) {
        return connection.preparedQuery("delete from social_identity where id = $1 returning contact_id").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getLong(0)) : Optional.empty());
    }

    /** Sets the influencer flag and, when given, the topics; empty when the identity does not exist. */
    public Uni<Optional<SocialIdentity>> markInfluencer(SqlConnection connection, long id, boolean influencer, List<String> topics) {
        return connection.preparedQuery("update social_identity set is_influencer = $2, topics = coalesce($3, topics), "
                + "updated_at = now() where id = $1 returning *")
                .execute(Tuple.of(id, influencer, topics == null ? null : topics.toArray(String[]::new)))
                .map(SocialIdentityRepository::first);
    }

    public Uni<Boolean> contactExists(SqlConnection connection, long contactId) {
        return connection.preparedQuery("select 1 from contact where id = $1").execute(Tuple.of(contactId))
                .map(rows -> rows.iterator().hasNext());
    }

    /** The identities with the given ids, in the order of {@code ids} (null where an id has no identity): for batch resolvers. */
    public Uni<List<SocialIdentity>> byIds(SqlConnection connection, List<Long> ids) {
        return connection.preparedQuery("select * from social_identity where id = any($1)")
                .execute(Tuple.of(ids.stream().filter(java.util.Objects::nonNull).distinct().toArray(Long[]::new))).map(rows -> {
                    Map<Long, SocialIdentity> byId = new HashMap<>();
                    for (Row row : rows) {
                        byId.put(row.getLong("id"), IdentityRows.toIdentity(row));
                    }
                    List<SocialIdentity> out = new ArrayList<>();
                    ids.forEach(id -> out.add(id == null ? null : byId.get(id)));
                    return out;
                });
    }

    /** The identities of each contact, in the order of {@code contactIds}, each list ordered by network and id. */
    public Uni<List<List<SocialIdentity>>> byContacts(SqlConnection connection, List<Long> contactIds) {
        return connection.preparedQuery("select * from social_identity where contact_id = any($1) order by " + CONTACT_ORDER)
                .execute(Tuple.of(contactIds.toArray(Long[]::new))).map(rows -> {
                    Map<Long, List<SocialIdentity>> byContact = new HashMap<>();
                    for (Row row : rows) {
                        SocialIdentity identity = IdentityRows.toIdentity(row);
                        byContact.computeIfAbsent(identity.contactId(), k -> new ArrayList<>()).add(identity);
                    }
                    return contactIds.stream().map(id -> byContact.getOrDefault(id, List.of())).toList();
                });
    }

    /** The points of one metric for each identity, in the order of {@code identityIds}, each ordered by time. */
    public Uni<List<List<MetricPoint>>> metrics(SqlConnection connection, List<Long> identityIds, String metric,
            OffsetDateTime from, OffsetDateTime to) {
        return connection.preparedQuery("select identity_id, metric, observed_at, value from metric_point "
                + "where identity_id = any($1) and metric = $2 and ($3::timestamptz is null or observed_at >= $3) "
                + "and ($4::timestamptz is null or observed_at <= $4) order by identity_id, observed_at")
                .execute(Tuple.of(identityIds.toArray(Long[]::new), metric, from, to)).map(rows -> {
                    Map<Long, List<MetricPoint>> byIdentity = new HashMap<>();
                    for (Row row : rows) {
                        byIdentity.computeIfAbsent(row.getLong("identity_id"), k -> new ArrayList<>())
                                .add(new MetricPoint(row.getString("metric"), row.getOffsetDateTime("observed_at"), row.getDouble("value")));
                    }
                    return identityIds.stream().map(id -> byIdentity.getOrDefault(id, List.of())).toList();
                });
    }

    Uni<InfluencerConnection> influencers(SqlConnection connection, InfluencerFilter filter, Cursor after, int first) {
        InfluencerFilter.Statement statement = filter.page(after, first);
        return connection.preparedQuery(statement.sql()).execute(statement.params()).map(rows -> {
            List<InfluencerEdge> edges = new ArrayList<>();
            boolean more = false;
            for (Row row : rows) {
                if (edges.size() == first) {
                    more = true;
                    break;
                }
                Cursor cursor = new Cursor(InfluencerFilter.CURSOR_KIND, Double.toString(row.getDouble("sort_key")), row.getLong("id"));
                edges.add(new InfluencerEdge(cursor.encode(), IdentityRows.toIdentity(row)));
            }
            return new InfluencerConnection(edges, new PageInfo(more, edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()),
                    filter);
        });
    }

    Uni<Integer> count(SqlConnection connection, InfluencerFilter filter) {
        InfluencerFilter.Statement statement = filter.count();
        return connection.preparedQuery(statement.sql()).execute(statement.params())
                .map(rows -> (int) rows.iterator().next().getLong(0).longValue());
    }

    private static Optional<SocialIdentity> first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? Optional.of(IdentityRows.toIdentity(rows.iterator().next())) : Optional.empty();
    }
}
