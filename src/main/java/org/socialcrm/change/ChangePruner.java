package org.socialcrm.change;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.socialcrm.tenancy.TenancyStartup;
import org.socialcrm.tenancy.TenantDirectory;
import org.socialcrm.tenancy.TenantScope;
import org.socialcrm.tenancy.TenantTransactions;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Deletes changes older than the retention period from every active tenant's outbox (their webhook deliveries go
 * with them). Every replica may run it; the deletes are idempotent.
 */
@ApplicationScoped
public class ChangePruner {

    private static final Logger LOG = Logger.getLogger(ChangePruner.class);

    private final Pool pool;
    private final TenantDirectory directory;
    private final TenantTransactions transactions;
    private final ChangeConfig config;
    private final TenancyStartup startup;

    public ChangePruner(Pool pool, TenantDirectory directory, TenantTransactions transactions, ChangeConfig config,
            TenancyStartup startup) {
        this.pool = pool;
        this.directory = directory;
        this.transactions = transactions;
        this.config = config;
        this.startup = startup;
    }

    @Scheduled(identity = "change-pruning", every = "${scrm.changes.prune-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        if (!startup.ready()) {
            return Uni.createFrom().voidItem();
        }
        return prune().onFailure().invoke(failure -> LOG.warnf("Change pruning failed: %s", failure.getClass().getSimpleName()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Prunes every active tenant, one after the other; returns how many changes went. */
    public Uni<Long> prune() {
        return pool.preparedQuery("select slug from control.tenant where status = 'ACTIVE' order by id").execute()
                .map(rows -> {
                    List<String> slugs = new java.util.ArrayList<>();
                    rows.forEach(row -> slugs.add(row.getString("slug")));
                    return slugs;
                })
                .onItem().transformToMulti(slugs -> Multi.createFrom().iterable(slugs))
                .onItem().transformToUniAndConcatenate(slug -> directory.bySlug(slug).chain(found -> found.isEmpty()
                        ? Uni.createFrom().item(0L)
                        : transactions.inTenant(new TenantScope(found.get()), connection -> connection
                                .preparedQuery("delete from change where at < now() - make_interval(secs => $1)")
                                .execute(Tuple.of((double) config.retention().toSeconds())).map(r -> (long) r.rowCount()))))
                .collect().with(java.util.stream.Collectors.summingLong(Long::longValue));
    }
}
