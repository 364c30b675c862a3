package org.socialcrm.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.socialcrm.tenancy.TenancyStartup;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The pull loop of this replica: every tick leases due jobs (no more than the free concurrency slots, skipping
 * networks whose budget is spent) and starts their pulls without waiting for them; while leases come back full it
 * keeps leasing, so a backlog drains at the pace of the pulls rather than one batch per tick. Off in tests unless
 * enabled; tests call {@link #runDue()} directly.
 */
@ApplicationScoped
public class ConnectorScheduler {

    private static final Logger LOG = Logger.getLogger(ConnectorScheduler.class);
    /** Leasing rounds one {@link #runDue()} may chain while leases come back full. */
    static final int MAX_ROUNDS = 100;

    private final JobLeaser leaser;
    private final SyncRunner runner;
    private final NetworkBudget budget;
    private final ConnectorConfig config;
    private final TenancyStartup startup;
    private final String owner;
    private final AtomicInteger inFlight = new AtomicInteger();

    public ConnectorScheduler(JobLeaser leaser, SyncRunner runner, NetworkBudget budget, ConnectorConfig config, TenancyStartup startup) {
        this.leaser = leaser;
        this.runner = runner;
        this.budget = budget;
        this.config = config;
        this.startup = startup;
        this.owner = config.scheduler().owner().orElseGet(ConnectorScheduler::defaultOwner);
        HttpAnswers.defaultRateLimitWait = config.scheduler().defaultRateLimitWait();
    }

    @Scheduled(identity = "connector-pulls", every = "${scrm.connectors.scheduler.every:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!config.scheduler().enabled() || !startup.ready()) {
            return;
        }
        runDue().subscribe().with(runs -> {
        }, failure -> LOG.warnf("Connector tick failed: %s", failure.getClass().getSimpleName()));
    }

    /**
     * Leases due jobs and pulls them; when the lease filled every free slot, more jobs may be due, so it leases
     * again as soon as that batch has ended instead of waiting for the next tick (at most {@value #MAX_ROUNDS}
     * rounds). Completes when the last round's pulls have ended, with every round's runs.
     */
    public Uni<List<SyncRun>> runDue() {
        return drain(1);
    }

    private Uni<List<SyncRun>> drain(int round) {
        int free = Math.min(config.scheduler().batchSize(), config.scheduler().maxConcurrency() - inFlight.get());
        if (free <= 0) {
            return Uni.createFrom().item(List.of());
        }
        inFlight.addAndGet(free);
        return leaser.lease(owner, free, budget.exhausted())
                .onTermination().invoke((jobs, failure, cancelled) -> inFlight.addAndGet(-free + (jobs == null ? 0 : jobs.size())))
                .chain(jobs -> jobs.isEmpty() ? Uni.createFrom().item(List.<SyncRun> of())
                        : Multi.createFrom().iterable(jobs)
                                .onItem().transformToUniAndMerge(job -> runner.runLeased(job)
                                        .onFailure().recoverWithNull()
                                        .onTermination().invoke(() -> inFlight.decrementAndGet()))
                                .filter(run -> run != null)
                                .collect().asList()
                                .chain(runs -> jobs.size() < free || round >= MAX_ROUNDS ? Uni.createFrom().item(runs)
                                        : drain(round + 1).map(more -> concat(runs, more))));
    }

    private static List<SyncRun> concat(List<SyncRun> first, List<SyncRun> second) {
        List<SyncRun> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    public String owner() {
        return owner;
    }

    public int inFlight() {
        return inFlight.get();
    }

    private static String defaultOwner() {
        String host = System.getenv().getOrDefault("HOSTNAME", "replica");
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
