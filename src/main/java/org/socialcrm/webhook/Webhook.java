package org.socialcrm.webhook;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.vertx.mutiny.sqlclient.Row;

/** An endpoint that receives the tenant's changes, signed with its secret. */
@Type("Webhook")
public record Webhook(@Id @NonNull String id, @NonNull String url, @NonNull List<@NonNull String> events, @NonNull boolean active,
        @NonNull OffsetDateTime createdAt, OffsetDateTime lastSuccessAt, OffsetDateTime failingSince,
        @Description("Why the webhook was deactivated (deliveries failing for too long), if it was.") String disabledReason) {

    static Webhook of(Row row) {
        return new Webhook(row.getLong("id").toString(), row.getString("url"), Arrays.asList(row.getArrayOfStrings("events")),
                row.getBoolean("active"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("last_success_at"),
                row.getOffsetDateTime("failing_since"), row.getString("disabled_reason"));
    }
}
