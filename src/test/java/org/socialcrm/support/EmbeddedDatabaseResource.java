package org.socialcrm.support;

import java.util.Map;

import org.socialcrm.database.EmbeddedPostgresServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives the application under test its database URL explicitly. In @QuarkusTest the application would start the
 * embedded PostgreSQL itself; a @QuarkusIntegrationTest runs the packaged (prod-profile, possibly native)
 * application, which never starts one, so the test JVM starts it and hands over {@code scrm.db.url}. Prod also
 * requires a connector token key: a test key is supplied for the prod profile only. With {@code SCRM_DB_URL} set, every test runs against that
 * external PostgreSQL instead.
 */
public class EmbeddedDatabaseResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String external = System.getenv("SCRM_DB_URL");
        return Map.of("scrm.db.url", external != null && !external.isBlank() ? external : EmbeddedPostgresServer.urlStartingIfNeeded(),
                "%prod.scrm.connectors.tokens.current-key-id", "it",
                "%prod.scrm.connectors.tokens.keys.it", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
    }

    @Override
    public void stop() {
        // the server lives as long as the JVM (shutdown hook)
    }
}
