package org.socialcrm.profile;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.socialcrm.tenancy.ActiveTenants;
import org.socialcrm.tenancy.TenancyStartup;
import org.socialcrm.tenancy.TenantScope;
import org.socialcrm.tenancy.TenantTransactions;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Finds the duplicate pairs of the contacts import batches marked ({@code duplicate_pending_batch}, and
 * {@code duplicate_pending} per contact), outside the import's
 * transactions, in passes of {@code scrm.duplicates.drain.chunk} contacts, one transaction each. Every replica ticks;
 * a pass holds its tenant's {@code duplicate_refresh} row ({@code skip locked}: the lease, one pass per tenant at a
 * time on any replica). A pass that dies (replica, connection) rolls back whole and its marks stay for the next one.
 */
@ApplicationScoped
public class DuplicateDrain {

    private static final Logger LOG = Logger.getLogger(DuplicateDrain.class);

    private final ActiveTenants tenants;
    private final TenantTransactions transactions;
    private final DuplicatePairs pairs;
    private final DuplicatesConfig config;
    private final TenancyStartup startup;

    public DuplicateDrain(ActiveTenants tenants, TenantTransactions transactions, DuplicatePairs pairs, DuplicatesConfig config,
            TenancyStartup startup) {
        this.tenants = tenants;
        this.transactions = transactions;
        this.pairs = pairs;
        this.config = config;
        this.startup = startup;
    }

    @Scheduled(identity = "duplicate-drain", every = "${scrm.duplicates.drain.every:1s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    Uni<Void> tick() {
        if (!startup.ready()) {
            return Uni.createFrom().voidItem();
        }
        return drainAll().onFailure().invoke(e -> LOG.warnf("duplicate pair drain failed: %s", e.getClass().getSimpleName()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Drains every active tenant, one after the other; the number of marks removed. */
    public Uni<Integer> drainAll() {
        return tenants.sum(scope -> drain(scope).onFailure().recoverWithItem(e -> {
            // logged without the message: it may quote tenant data
            LOG.warnf("duplicate pair drain of tenant %s failed: %s", scope.slug(), e.getClass().getSimpleName());
            return 0;
        }));
    }

    /** Drains the tenant's marks pass after pass until none is left, the lock is taken or a pass could do nothing. */
    public Uni<Integer> drain(TenantScope scope) {
        return due(scope).chain(due -> due ? passes(scope, 0) : Uni.createFrom().item(0));
    }

    private Uni<Integer> passes(TenantScope scope, int sofar) {
        return transactions.report(scope, connection -> pairs.drainChunk(connection, config.drain().chunk()))
                .chain(removed -> removed <= 0 ? Uni.createFrom().item(sofar) : passes(scope, sofar + removed));
    }

    /**
     * True when the tenant has marks and no contact import of it runs (one started less than defer-while-importing
     * ago). One read: an idle tenant costs each tick this read only, not a pass transaction with its lock.
     */
    private Uni<Boolean> due(TenantScope scope) {
        long seconds = config.drain().deferWhileImporting().toSeconds();
        return transactions.readInTenant(scope, "select (exists (select 1 from duplicate_pending) or exists (select 1 from duplicate_pending_batch)) and not exists (select 1 "
                + "from import_job where $1::float8 > 0 and status = 'RUNNING' and kind = 'contacts' "
                + "and started_at > now() - make_interval(secs => $1::float8))",
                Tuple.of((double) Math.max(0, seconds))).map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** Skips the scheduled tick when the drain is switched off (tests drive it by hand). */
    @ApplicationScoped
    public static class Disabled implements Scheduled.SkipPredicate {
        private final DuplicatesConfig config;

        public Disabled(DuplicatesConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.drain().enabled();
        }
    }
}
