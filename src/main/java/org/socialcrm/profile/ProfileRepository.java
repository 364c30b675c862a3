package org.socialcrm.profile;

import org.socialcrm.common.ConsentStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.ContactChannel;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The list parts of a profile, for all contacts of a page in one statement each. */
@ApplicationScoped
public class ProfileRepository {

    public Uni<List<List<ContactEmail>>> emails(SqlConnection connection, List<Long> contactIds) {
        return byContact(connection, "select contact_id, address, is_primary from contact_email where contact_id = any($1) "
                + "order by contact_id, is_primary desc, created_at, address_norm", contactIds,
                row -> new ContactEmail(row.getString("address"), row.getBoolean("is_primary")));
    }

    public Uni<List<List<ContactPhone>>> phones(SqlConnection connection, List<Long> contactIds) {
        return byContact(connection, "select contact_id, e164, kind, is_primary from contact_phone where contact_id = any($1) "
                + "order by contact_id, is_primary desc, created_at, e164", contactIds,
                row -> new ContactPhone(row.getString("e164"), row.getBoolean("is_primary"),
                        row.getString("kind") == null ? null : PhoneKind.valueOf(row.getString("kind"))));
    }

    public Uni<List<List<ExternalId>>> externalIds(SqlConnection connection, List<Long> contactIds) {
        return byContact(connection, "select contact_id, system, value from contact_external_id where contact_id = any($1) "
                + "order by contact_id, system, value", contactIds,
                row -> new ExternalId(row.getString("system"), row.getString("value")));
    }

    public Uni<List<List<ChannelPreference>>> channelPreferences(SqlConnection connection, List<Long> contactIds) {
        return byContact(connection, "select * from channel_preference where contact_id = any($1) order by contact_id, channel",
                contactIds, ProfileRepository::preference);
    }

    static ChannelPreference preference(Row row) {
        return new ChannelPreference(ContactChannel.valueOf(row.getString("channel")), ConsentStatus.valueOf(row.getString("status")),
                row.getOffsetDateTime("updated_at"), row.getString("source"), row.getString("legal_basis"));
    }

    private static <T> Uni<List<List<T>>> byContact(SqlConnection connection, String sql, List<Long> contactIds,
            Function<Row, T> map) {
        return connection.preparedQuery(sql).execute(Tuple.of(contactIds.toArray(new Long[0]))).map(rows -> {
            Map<Long, List<T>> grouped = new HashMap<>();
            for (Row row : rows) {
                grouped.computeIfAbsent(row.getLong("contact_id"), k -> new ArrayList<>()).add(map.apply(row));
            }
            return contactIds.stream().map(id -> grouped.getOrDefault(id, List.of())).toList();
        });
    }
}
