package org.socialcrm.connector;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;

/**
 * On shutdown (after in-flight requests had {@code quarkus.shutdown.timeout} to finish), gives back the connector
 * leases this replica holds, so that other replicas pull those accounts now rather than when the leases expire.
 */
@ApplicationScoped
public class ShutdownLeases {

    private static final Logger LOG = Logger.getLogger(ShutdownLeases.class);

    private final JobLeaser leaser;
    private final ConnectorScheduler scheduler;

    public ShutdownLeases(JobLeaser leaser, ConnectorScheduler scheduler) {
        this.leaser = leaser;
        this.scheduler = scheduler;
    }

    void onShutdown(@Observes ShutdownEvent event) {
        try {
            Integer released = leaser.releaseAll(scheduler.owner()).await().atMost(Duration.ofSeconds(5));
            LOG.infof("Released %d connector leases of %s", released, scheduler.owner());
        } catch (RuntimeException e) {
            LOG.warnf("Could not release the connector leases (they expire by themselves): %s", e.getClass().getSimpleName());
        }
    }
}
