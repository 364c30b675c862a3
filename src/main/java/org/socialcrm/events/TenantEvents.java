package org.socialcrm.events;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Tenant events across replicas: published with pg_notify inside the writing transaction (so they go out only
 * if it commits), received by every replica through LISTEN, and streamed to that tenant's subscribers only.
 */
@ApplicationScoped
public class TenantEvents {

    static final String CHANNEL = "scrm_tenant_events";
    private static final Logger LOG = Logger.getLogger(TenantEvents.class);

    private final BroadcastProcessor<TenantEvent> local = BroadcastProcessor.create();
    private final Vertx vertx;
    private final PgConnectOptions options;
    private volatile PgSubscriber subscriber;

    public TenantEvents(Vertx vertx,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.datasource.username", defaultValue = "postgres") String user,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.datasource.password", defaultValue = "") String password) {
        this.vertx = vertx;
        this.options = PgConnectOptions.fromUri(url).setUser(user).setPassword(password);
    }

    /** Publishes an event when the transaction of {@code connection} commits. */
    public Uni<Void> publish(SqlConnection connection, String tenant, String type, JsonObject payload) {
        return connection.preparedQuery("select pg_notify($1, $2)")
                .execute(Tuple.of(CHANNEL, new TenantEvent(tenant, type, payload).toJson().encode()))
                .replaceWithVoid();
    }

    /** The events of one tenant and type, as they happen. */
    public Multi<TenantEvent> stream(String tenant, String type) {
        ensureListening();
        return local.toHotStream().filter(e -> e.tenant().equals(tenant) && e.type().equals(type));
    }

    private synchronized void ensureListening() {
        if (subscriber != null) {
            return;
        }
        subscriber = PgSubscriber.subscriber(vertx, options);
        subscriber.reconnectPolicy(retries -> 1000L);
        subscriber.channel(CHANNEL).handler(message -> {
            try {
                local.onNext(TenantEvent.fromJson(new JsonObject(message)));
            } catch (RuntimeException e) {
                LOG.warn("Ignored a malformed tenant event");
            }
        });
        subscriber.connect().subscribe().with(ok -> LOG.debug("Listening for tenant events"),
                failure -> LOG.warnf("Could not listen for tenant events: %s", failure.getMessage()));
    }

    @PreDestroy
    void close() {
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }
}
