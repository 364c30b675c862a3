package org.socialcrm.change;

import java.util.List;
import java.util.function.BiFunction;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.SafeFailures;
import org.socialcrm.security.Permission;
import org.socialcrm.security.Subscriber;
import org.socialcrm.security.TenantAccess;
import org.socialcrm.tenancy.TenantTransactions;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The source of every subscription: polls the subscriber's outbox from a position (the client's last cursor, or the
 * head when it gives none), so only committed changes go out and a client that resubscribes with its last cursor
 * misses nothing. Before every poll the subscriber is authorized again: the stream fails with UNAUTHENTICATED once
 * the token has expired and with FORBIDDEN / TENANT_UNAVAILABLE once the tenant is suspended or the access gone.
 */
@ApplicationScoped
public class ChangeStream {

    private final TenantTransactions transactions;
    private final Pool pool;
    private final TenantAccess access;
    private final ChangeConfig config;
    private final ResumeCursor resume;

    public ChangeStream(TenantTransactions transactions, Pool pool, TenantAccess access, ChangeConfig config, ResumeCursor resume) {
        this.pool = pool;
        this.transactions = transactions;
        this.access = access;
        this.config = config;
        this.resume = resume;
    }

    /**
     * A subscription of the current request's caller to the changes of {@code types} after the cursor {@code after}
     * (null: the connection's {@code lastChangeCursor} parameter, else from now, see {@link ResumeCursor}), each batch turned into events by {@code events} (which may read more, as the subscriber, with
     * {@code TenantRequests.runAs}). The caller, tenant and cursor are read here, synchronously, while the
     * subscription's request is current; nothing later depends on a current request.
     */
    public <T> Multi<T> subscribe(String after, List<String> types, BiFunction<Subscriber, List<Change>, Uni<List<T>>> events) {
        ChangePosition from;
        Uni<Subscriber> subscriber;
        try {
            from = resume.of(after);
            subscriber = access.subscriber(Permission.READ);
        } catch (RuntimeException e) {
            return Multi.createFrom().failure(SafeFailures.toApi(e));
        }
        return SafeFailures.guard(subscriber).onItem().transformToMulti(s -> follow(s, from, types)
                .onItem().transformToUniAndConcatenate(batch -> events.apply(s, batch))
                .onItem().<T> disjoint());
    }

    /** Batches of the subscriber's changes of {@code types} after {@code after} (null: from now), as they commit. */
    public Multi<List<Change>> follow(Subscriber subscriber, ChangePosition after, List<String> types) {
        AtomicReference<ChangePosition> position = new AtomicReference<>(after);
        Uni<ChangePosition> start = after != null ? Uni.createFrom().item(after)
                : transactions.readInTenant(subscriber.scope(), ChangeFeed.HEAD, Tuple.tuple()).map(ChangeFeed::head);
        return SafeFailures.guard(start).onItem().transformToMulti(from -> {
            position.set(from);
            return Multi.createFrom().ticks().every(config.subscriptionPoll()).onOverflow().drop()
                    .onItem().transformToUniAndConcatenate(tick -> SafeFailures.guard(access.recheck(subscriber)
                            .chain(scope -> pool.preparedQuery(ChangeFeed.HEAD).execute().map(ChangeFeed::head)
                                    .chain(horizon -> transactions.readInTenant(scope, ChangeFeed.PAGE,
                                            ChangeFeed.pageArgs(position.get(), types, config.subscriptionBatch(), horizon))))
                            .map(ChangeFeed::changes)))
                    .invoke(batch -> {
                        if (!batch.isEmpty()) {
                            position.set(batch.get(batch.size() - 1).position());
                        }
                    })
                    .filter(batch -> !batch.isEmpty());
        });
    }
}
