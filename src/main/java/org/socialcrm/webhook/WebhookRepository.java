package org.socialcrm.webhook;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.Cursor;
import org.socialcrm.common.NotFoundException;
import org.socialcrm.common.PageInfo;
import org.socialcrm.connector.TokenCipher;
import org.socialcrm.tenancy.TenantScope;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** SQL for webhooks and their deliveries, in the tenant's transaction. */
@ApplicationScoped
public class WebhookRepository {

    static final String CURSOR_KIND = "whd";

    Uni<Webhook> insert(SqlConnection connection, TenantScope scope, WebhookInput input, String[] events, TokenCipher.Sealed secret) {
        return connection.preparedQuery("insert into webhook (url, events, active, secret_key_id, secret) values ($1, $2, $3, $4, $5) returning *")
                .execute(Tuple.of(input.url(), events, !Boolean.FALSE.equals(input.active()), secret.keyId(), secret.ciphertext()))
                .map(rows -> Webhook.of(rows.iterator().next()))
                .call(() -> connection.preparedQuery("""
                        insert into control.webhook_tenant (tenant_id, tenant_slug) values ($1, $2)
                        on conflict (tenant_id) do nothing""").execute(Tuple.of(scope.tenant().id(), scope.slug())));
    }

    /** Updates a webhook; reactivating one clears why it was deactivated and when it started failing. */
    Uni<Webhook> update(SqlConnection connection, long id, WebhookInput input, String[] events) {
        return connection.preparedQuery("""
                update webhook set url = $2, events = $3, active = $4,
                       failing_since = case when $4 and not active then null else failing_since end,
                       disabled_reason = case when $4 then null else disabled_reason end
                 where id = $1 returning *""")
                .execute(Tuple.of(id, input.url(), events, !Boolean.FALSE.equals(input.active())))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new NotFoundException("No webhook with this id.");
                    }
                    return Webhook.of(rows.iterator().next());
                });
    }

    Uni<Boolean> delete(SqlConnection connection, long id) {
        return connection.preparedQuery("delete from webhook where id = $1").execute(Tuple.of(id)).map(rows -> {
            if (rows.rowCount() == 0) {
                throw new NotFoundException("No webhook with this id.");
            }
            return true;
        });
    }

    Uni<List<Webhook>> list(SqlConnection connection) {
        return connection.preparedQuery("select * from webhook order by id").execute().map(rows -> {
            List<Webhook> list = new ArrayList<>();
            rows.forEach(row -> list.add(Webhook.of(row)));
            return list;
        });
    }

    /** Newest first. */
    Uni<WebhookDeliveryConnection> deliveries(SqlConnection connection, long webhookId, Cursor after, int first) {
        return connection.preparedQuery("select (select count(*) from webhook_delivery where webhook_id = $1) as total, "
                + "exists (select 1 from webhook where id = $1) as found").execute(Tuple.of(webhookId)).chain(head -> {
                    Row counts = head.iterator().next();
                    if (!counts.getBoolean("found")) {
                        throw new NotFoundException("No webhook with this id.");
                    }
                    return connection.preparedQuery("select " + WebhookDelivery.COLUMNS + " from webhook_delivery d "
                            + "join change c on c.id = d.change_id where d.webhook_id = $1 and ($2::bigint is null or d.id < $2) "
                            + "order by d.id desc limit $3")
                            .execute(Tuple.of(webhookId, after == null ? null : after.id(), first + 1))
                            .map(rows -> {
                                List<WebhookDeliveryEdge> edges = new ArrayList<>();
                                for (Row row : rows) {
                                    if (edges.size() < first) {
                                        WebhookDelivery delivery = WebhookDelivery.of(row);
                                        edges.add(new WebhookDeliveryEdge(new Cursor(CURSOR_KIND, "", row.getLong("delivery_id")).encode(),
                                                delivery));
                                    }
                                }
                                return new WebhookDeliveryConnection(edges, new PageInfo(rows.size() > first,
                                        edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()),
                                        counts.getLong("total").intValue());
                            });
                });
    }

    /** Queues the change of a delivery again for its webhook, as a new delivery (new id); NOT_FOUND if none. */
    Uni<WebhookDelivery> redeliver(SqlConnection connection, long deliveryId) {
        return connection.preparedQuery("""
                with again as (
                    insert into webhook_delivery (webhook_id, change_id, tx_id, subject_id)
                    select webhook_id, change_id, tx_id, subject_id from webhook_delivery where id = $1
                    returning *)
                select %s from again d join change c on c.id = d.change_id""".formatted(WebhookDelivery.COLUMNS))
                .execute(Tuple.of(deliveryId)).map(rows -> {
                    if (rows.size() == 0) {
                        throw new NotFoundException("No webhook delivery with this id.");
                    }
                    return WebhookDelivery.of(rows.iterator().next());
                });
    }
}
