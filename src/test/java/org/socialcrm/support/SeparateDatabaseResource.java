package org.socialcrm.support;

import java.io.IOException;
import java.util.Map;

import org.socialcrm.database.DatabaseUrl;
import org.socialcrm.database.EmbeddedPostgresServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL of its own for the test profile that lists this resource (arg {@code name}), so that a
 * test may stop it without touching the database every other test class shares. The datasource settings are given
 * directly: test resource properties outrank the URLs {@code DatabaseConfigSourceFactory} derives from
 * {@code scrm.db.url}, which the global {@link EmbeddedDatabaseResource} still sets.
 */
public class SeparateDatabaseResource implements QuarkusTestResourceLifecycleManager {

    public static final String NAME = "name";
    private String name;
    private EmbeddedPostgres server;

    @Override
    public void init(Map<String, String> initArgs) {
        name = initArgs.getOrDefault(NAME, "separate");
    }

    @Override
    public Map<String, String> start() {
        server = EmbeddedPostgresServer.startSeparate(name);
        DatabaseUrl url = DatabaseUrl.parse(EmbeddedPostgresServer.urlOf(server));
        return Map.of("quarkus.datasource.reactive.url", url.reactiveUrl(), "quarkus.datasource.jdbc.url", url.jdbcUrl(),
                "quarkus.datasource.username", url.username(), "quarkus.datasource.password", url.password());
    }

    @Override
    public void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not stop the embedded PostgreSQL " + name + ": " + e);
        }
    }
}
