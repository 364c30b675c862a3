package org.socialcrm.demo;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Dev start: loads the demo data of each demo tenant whose contact table is empty, on a thread of its own so the
 * start is not held up (the data appears within seconds; one log line per tenant says when).
 */
@Singleton
public class DemoDataSeeder {

    private static final Logger LOG = Logger.getLogger(DemoDataSeeder.class);

    private final DemoConfig config;
    private final DemoDataLoader loader;

    public DemoDataSeeder(DemoConfig config, DemoDataLoader loader) {
        this.config = config;
        this.loader = loader;
    }

    void seed(@Observes @Priority(20) StartupEvent event) {
        if (!config.seed()) {
            return;
        }
        Thread thread = new Thread(() -> {
            for (String slug : config.tenants()) {
                Path dir = Path.of(config.dir(), slug);
                if (!Files.isDirectory(dir)) {
                    LOG.warnf("No demo data for %s in %s (run python3 dev/demo/generate.py)", slug, dir);
                    continue;
                }
                try {
                    loader.load(slug, dir).ifPresent(summary -> LOG.infof("Demo data loaded into %s: %s", slug, summary));
                } catch (RuntimeException | java.io.IOException e) {
                    LOG.warnf("Demo data for %s not loaded (%s)", slug, e.getClass().getSimpleName());
                }
            }
        }, "demo-seeder");
        thread.setDaemon(true);
        thread.start();
        LOG.info("Dev sign-in: TOKEN=$(curl -s 'localhost:8080/dev/token?persona=brand-admin') "
                + "then call /graphql with 'Authorization: Bearer $TOKEN' and 'X-Tenant-ID: lumen-cosmetics'");
    }
}
