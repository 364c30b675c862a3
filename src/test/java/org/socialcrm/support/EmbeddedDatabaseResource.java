package org.socialcrm.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives the application under test its database URL explicitly. In @QuarkusTest the application would start the
 * embedded PostgreSQL itself; a @QuarkusIntegrationTest runs the packaged (prod-profile, possibly native)
 * application, which never starts one, so the test JVM starts it and hands over {@code scrm.db.url}. Prod also
 * requires a connector token key: a test key is supplied for the prod profile only. With {@code -Dscrm.test.db=citus}
 * every test runs against the local Citus cluster, with {@code SCRM_DB_URL} set against that external PostgreSQL
 * ({@link TestDatabase}).
 */
public class EmbeddedDatabaseResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("scrm.db.url", TestDatabase.url(),
                "%prod.scrm.connectors.tokens.current-key-id", "it",
                "%prod.scrm.connectors.tokens.keys.it", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
    }

    @Override
    public void stop() {
        // the server lives as long as the JVM (shutdown hook)
    }
}
