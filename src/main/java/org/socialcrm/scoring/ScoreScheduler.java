package org.socialcrm.scoring;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.socialcrm.tenancy.ActiveTenants;
import org.socialcrm.tenancy.TenancyStartup;
import org.socialcrm.tenancy.TenantScope;
import org.socialcrm.tenancy.TenantTransactions;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Retrains LOOKALIKE models when they are due ({@code scrm.scoring.retrain-after} after their last training) and
 * recomputes RULES models when the tenant's change feed moved past the position they were computed after. Every
 * replica ticks; a model is leased in its tenant's schema ({@code for update skip locked} and an expiry), so one
 * replica runs it and a crashed replica's model is taken over when the lease runs out. Tenants are visited one
 * after the other, models one at a time, so training never takes more than one worker thread per replica.
 */
@ApplicationScoped
public class ScoreScheduler {

    private static final Logger LOG = Logger.getLogger(ScoreScheduler.class);
    /** Models leased per tenant and tick: the rest wait for the next tick. */
    static final int PER_TICK = 4;
    static final Duration RETRY_AFTER_FAILURE = Duration.ofHours(1);

    private final ActiveTenants activeTenants;
    private final TenantTransactions transactions;
    private final ScoreModelRepository models;
    private final ScoreTraining training;
    private final ScoringConfig config;
    private final TenancyStartup startup;
    private final String owner = System.getenv().getOrDefault("HOSTNAME", "replica") + "-" + UUID.randomUUID().toString().substring(0, 8);

    public ScoreScheduler(ActiveTenants activeTenants, TenantTransactions transactions, ScoreModelRepository models,
            ScoreTraining training, ScoringConfig config, TenancyStartup startup) {
        this.activeTenants = activeTenants;
        this.transactions = transactions;
        this.models = models;
        this.training = training;
        this.config = config;
        this.startup = startup;
    }

    @Scheduled(identity = "score-models", every = "${scrm.scoring.check-every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        if (!startup.ready()) {
            return Uni.createFrom().voidItem();
        }
        return runDue().onFailure().invoke(failure -> LOG.warnf("Score model run failed: %s", failure.getClass().getSimpleName()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Runs every due model of every active tenant; returns how many ran to the end. */
    public Uni<Integer> runDue() {
        return activeTenants.sum(this::runDue);
    }

    /** Leases and runs the tenant's due models, one after the other. */
    public Uni<Integer> runDue(TenantScope scope) {
        return transactions.inTenant(scope, connection -> models.leaseDue(connection, owner, config.lease(), PER_TICK))
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(id -> training.train(scope, id, null).replaceWith(1)
                        .onFailure().recoverWithUni(failure -> {
                            // logged without the message: it may quote tenant data
                            LOG.warnf("Score model %d of tenant %s failed: %s", id, scope.slug(), failure.getClass().getSimpleName());
                            return transactions.inTenant(scope, connection -> models.release(connection, id, RETRY_AFTER_FAILURE))
                                    .replaceWith(0);
                        }))
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
    }
}
