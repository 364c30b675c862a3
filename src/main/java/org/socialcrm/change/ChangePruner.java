package org.socialcrm.change;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.socialcrm.tenancy.ActiveTenants;
import org.socialcrm.tenancy.TenancyStartup;
import org.socialcrm.tenancy.TenantTransactions;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Deletes changes older than the retention period from every active tenant's outbox (their webhook deliveries go
 * with them). Every replica may run it; the deletes are idempotent.
 */
@ApplicationScoped
public class ChangePruner {

    private static final Logger LOG = Logger.getLogger(ChangePruner.class);

    private final ActiveTenants activeTenants;
    private final TenantTransactions transactions;
    private final ChangeConfig config;
    private final TenancyStartup startup;

    public ChangePruner(ActiveTenants activeTenants, TenantTransactions transactions, ChangeConfig config, TenancyStartup startup) {
        this.activeTenants = activeTenants;
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
        return activeTenants.sum(scope -> transactions.inTenant(scope, connection -> connection
                        .preparedQuery("delete from change where at < now() - make_interval(secs => $1)")
                        .execute(Tuple.of((double) config.retention().toSeconds())).map(r -> r.rowCount())))
                .map(Integer::longValue);
    }
}
