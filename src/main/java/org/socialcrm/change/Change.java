package org.socialcrm.change;

import java.time.OffsetDateTime;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.vertx.mutiny.sqlclient.Row;

/** One committed change of the tenant's feed. */
@Type("Change")
public record Change(@Id @NonNull String id, @NonNull String type, @NonNull OffsetDateTime at, @Id @NonNull String subjectId,
        String actor, @NonNull JsonObject data, @Ignore ChangePosition position) {

    /**
     * Looked up once: {@code jakarta.json.Json}'s static methods look the provider up with a ServiceLoader on every
     * call (opening jars on the event loop), which made reading changes, and every webhook round, slow.
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** Columns of a change row, its transaction id as text. */
    public static final String COLUMNS = columns("change");

    /** {@link #COLUMNS} of a change row aliased {@code alias} in a join. */
    public static String columns(String alias) {
        return alias + ".id, " + alias + ".tx_id::text as tx, " + alias + ".type, " + alias + ".at, " + alias + ".subject_id, "
                + alias + ".actor, " + alias + ".data::text as data";
    }

    public static Change of(Row row) {
        String data = row.getString("data");
        return new Change(row.getLong("id").toString(), row.getString("type"), row.getOffsetDateTime("at"),
                row.getLong("subject_id").toString(), row.getString("actor"),
                JSON.createReader(new java.io.StringReader(data == null ? "{}" : data)).readObject(),
                new ChangePosition(Long.parseLong(row.getString("tx")), row.getLong("id")));
    }

    public long subject() {
        return Long.parseLong(subjectId);
    }

    /** The delivery body of a webhook: the change as JSON. */
    public io.vertx.core.json.JsonObject toJson() {
        return new io.vertx.core.json.JsonObject().put("id", id).put("type", type).put("at", at.toString()).put("subjectId", subjectId)
                .put("actor", actor).put("data", new io.vertx.core.json.JsonObject(data.toString())).put("cursor", position.cursor());
    }
}
