package org.socialcrm.webhook;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.socialcrm.change.Change;

import io.vertx.mutiny.sqlclient.Row;

/** One change sent (or to be sent) to one webhook. */
@Type("WebhookDelivery")
public record WebhookDelivery(@Id @NonNull String id, @NonNull Change change, @NonNull DeliveryStatus status, @NonNull int attempts,
        Integer lastResponseCode, OffsetDateTime nextAttemptAt, OffsetDateTime deliveredAt,
        @Description("The X-SCRM-Delivery header of its requests (stable across retries).") @NonNull String deliveryId) {

    static final String COLUMNS = "d.id as delivery_id, d.uid::text as uid, d.status, d.attempts, d.last_response_code, "
            + "d.next_attempt_at, d.delivered_at, " + Change.columns("c");

    static WebhookDelivery of(Row row) {
        DeliveryStatus status = DeliveryStatus.valueOf(row.getString("status"));
        boolean open = status == DeliveryStatus.PENDING || status == DeliveryStatus.RETRYING;
        return new WebhookDelivery(row.getLong("delivery_id").toString(), Change.of(row), status, row.getInteger("attempts"),
                row.getInteger("last_response_code"), open ? row.getOffsetDateTime("next_attempt_at") : null,
                row.getOffsetDateTime("delivered_at"), row.getString("uid"));
    }
}
