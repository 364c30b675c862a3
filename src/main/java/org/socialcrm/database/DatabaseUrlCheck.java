package org.socialcrm.database;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.StartupEvent;

/** Fails start-up with a clear message when no database is configured (only the prod profile can get here). */
@Singleton
public class DatabaseUrlCheck {

    void check(@Observes @Priority(1) StartupEvent event) {
        if (ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.reactive.url", String.class).isEmpty()) {
            throw new IllegalStateException("No database configured: set SCRM_DB_URL=postgresql://user:password@host:5432/database "
                    + "(production never starts the embedded PostgreSQL).");
        }
    }
}
