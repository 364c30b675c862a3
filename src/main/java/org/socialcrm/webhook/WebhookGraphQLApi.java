package org.socialcrm.webhook;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.socialcrm.change.ChangeTypes;
import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.Cursor;
import org.socialcrm.common.Ids;
import org.socialcrm.common.PageSize;
import org.socialcrm.common.outbound.OutboundPolicy;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantRequests;

import io.smallrye.mutiny.Uni;

/** Webhooks of the tenant and their deliveries: crm-admin and agency-admin only (auth-contract.md). */
@GraphQLApi
public class WebhookGraphQLApi {

    static final int MAX_WEBHOOKS = 50;
    static final int MAX_EVENTS = 20;

    private final TenantRequests requests;
    private final WebhookRepository webhooks;
    private final WebhookSecrets secrets;
    private final OutboundPolicy outbound;

    public WebhookGraphQLApi(TenantRequests requests, WebhookRepository webhooks, WebhookSecrets secrets, OutboundPolicy outbound) {
        this.requests = requests;
        this.webhooks = webhooks;
        this.secrets = secrets;
        this.outbound = outbound;
    }

    @Query("webhooks")
    @Description("The tenant's webhooks; a deactivated one says why in disabledReason.")
    public Uni<@NonNull List<@NonNull Webhook>> webhooks() {
        return requests.run(Permission.MANAGE_WEBHOOKS, connection -> webhooks.list(connection));
    }

    @Query("webhookDeliveries")
    @Description("Deliveries of one webhook, newest first.")
    public Uni<@NonNull WebhookDeliveryConnection> webhookDeliveries(@Id @NonNull @Name("webhookId") String webhookId,
            @DefaultValue("50") @Name("first") Integer first, @Name("after") String after) {
        return requests.run(Permission.MANAGE_WEBHOOKS, connection -> {
            int size = PageSize.check(first, 50);
            Cursor cursor = after == null ? null : Cursor.decode(after, WebhookRepository.CURSOR_KIND);
            return webhooks.deliveries(connection, Ids.require(webhookId, "webhookId"), cursor, size);
        });
    }

    @Mutation("createWebhook")
    @Description("The signing secret is returned once, here.")
    public Uni<@NonNull WebhookWithSecret> createWebhook(@NonNull @Name("input") WebhookInput input) {
        return requests.mutate(Permission.MANAGE_WEBHOOKS, "webhook.create", (scope, connection) -> {
            String[] events = validate(input);
            String secret = secrets.generate();
            return connection.preparedQuery("select count(*) from webhook").execute().chain(rows -> {
                if (rows.iterator().next().getLong(0) >= MAX_WEBHOOKS) {
                    throw new BadUserInputException("input", "a tenant has at most " + MAX_WEBHOOKS + " webhooks");
                }
                return webhooks.insert(connection, scope, input, events, secrets.seal(secret, scope.slug()));
            }).map(webhook -> new WebhookWithSecret(webhook, secret));
        }, created -> created.webhook().id());
    }

    @Mutation("updateWebhook")
    @Description("Changes a webhook's URL, events or state; active: true again after a deactivation starts afresh.")
    public Uni<@NonNull Webhook> updateWebhook(@Id @NonNull @Name("id") String id, @NonNull @Name("input") WebhookInput input) {
        return requests.mutate(Permission.MANAGE_WEBHOOKS, "webhook.update",
                (scope, connection) -> webhooks.update(connection, Ids.require(id, "id"), input, validate(input)), Webhook::id);
    }

    @Mutation("deleteWebhook")
    public Uni<@NonNull Boolean> deleteWebhook(@Id @NonNull @Name("id") String id) {
        return requests.mutate(Permission.MANAGE_WEBHOOKS, "webhook.delete",
                (scope, connection) -> webhooks.delete(connection, Ids.require(id, "id")), deleted -> id);
    }

    @Mutation("redeliver")
    @Description("Sends the change of a delivery again, as a new delivery.")
    public Uni<@NonNull WebhookDelivery> redeliver(@Id @NonNull @Name("deliveryId") String deliveryId) {
        return requests.mutate(Permission.MANAGE_WEBHOOKS, "webhook.redeliver",
                (scope, connection) -> webhooks.redeliver(connection, Ids.require(deliveryId, "deliveryId")), WebhookDelivery::id);
    }

    private String[] validate(WebhookInput input) {
        outbound.checkConfiguredUrl("input.url", input.url());
        if (input.events().isEmpty() || input.events().size() > MAX_EVENTS) {
            throw new BadUserInputException("input.events", "between 1 and " + MAX_EVENTS + " change types, or \"*\"");
        }
        for (String event : input.events()) {
            if (!"*".equals(event) && !ChangeTypes.ALL.contains(event)) {
                throw new BadUserInputException("input.events", "unknown change type; known: " + ChangeTypes.ALL.stream().sorted().toList());
            }
        }
        return input.events().stream().distinct().toArray(String[]::new);
    }
}
