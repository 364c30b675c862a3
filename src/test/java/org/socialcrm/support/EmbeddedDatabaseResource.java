package org.socialcrm.support;

import java.util.Map;

import org.socialcrm.database.EmbeddedPostgresServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives the application under test its database URL explicitly. In @QuarkusTest the application would start the
 * embedded PostgreSQL itself; a @QuarkusIntegrationTest runs the packaged (prod-profile, possibly native)
 * application, which never starts one, so the test JVM starts it and hands over {@code scrm.db.url}. Prod also
 * requires a connector token key: a test key is supplied.
 */
public class EmbeddedDatabaseResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("scrm.db.url", EmbeddedPostgresServer.urlStartingIfNeeded(),
                "scrm.connectors.tokens.current-key-id", "it",
                "scrm.connectors.tokens.keys.it", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
    }

    @Override
    public void stop() {
        // the server lives as long as the JVM (shutdown hook)
    }
}
