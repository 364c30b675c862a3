package org.socialcrm.connector;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.socialcrm.common.Network;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/** A connected social account. Its tokens never leave the database (not even encrypted). */
@Type("ConnectorAccount")
public record ConnectorAccount(@Id @NonNull String id, @NonNull Network network,
        @Description("The social identity this account pulls metrics for.") @Id @NonNull String identityId,
        @NonNull ConnectorStatus status, OffsetDateTime lastSyncAt, OffsetDateTime nextSyncAt, String lastError,
        String externalAccountId) {

    static final String COLUMNS = "a.id, a.network, a.identity_id, a.status, a.last_sync_at, a.next_sync_at, a.last_error, "
            + "a.external_account_id";

    static ConnectorAccount from(Row row) {
        return new ConnectorAccount(row.getLong("id").toString(), Network.valueOf(row.getString("network")),
                row.getLong("identity_id").toString(), ConnectorStatus.valueOf(row.getString("status")),
                row.getOffsetDateTime("last_sync_at"), row.getOffsetDateTime("next_sync_at"), row.getString("last_error"),
                row.getString("external_account_id"));
    }

    JsonObject toJson() {
        return new JsonObject().put("id", id).put("network", network.name()).put("identityId", identityId)
                .put("status", status.name()).put("lastSyncAt", text(lastSyncAt)).put("nextSyncAt", text(nextSyncAt))
                .put("lastError", lastError).put("externalAccountId", externalAccountId);
    }

    static ConnectorAccount fromJson(JsonObject json) {
        return new ConnectorAccount(json.getString("id"), Network.valueOf(json.getString("network")), json.getString("identityId"),
                ConnectorStatus.valueOf(json.getString("status")), time(json.getString("lastSyncAt")),
                time(json.getString("nextSyncAt")), json.getString("lastError"), json.getString("externalAccountId"));
    }

    static String text(OffsetDateTime time) {
        return time == null ? null : time.toString();
    }

    static OffsetDateTime time(String text) {
        return text == null ? null : OffsetDateTime.parse(text);
    }
}
