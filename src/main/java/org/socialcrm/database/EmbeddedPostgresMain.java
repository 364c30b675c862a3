package org.socialcrm.database;

/**
 * Starts the embedded PostgreSQL on its own, for the benchmark (bench/run.sh): prints its URL on one line
 * ({@code SCRM_DB_URL=postgresql://...}) and waits until killed. The server stops with the JVM.
 */
public final class EmbeddedPostgresMain {

    private EmbeddedPostgresMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String url = EmbeddedPostgresServer.urlStartingIfNeeded();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (EmbeddedPostgresServer.current() != null) {
                    EmbeddedPostgresServer.current().close();
                }
            } catch (java.io.IOException e) {
                System.err.println("Could not stop the embedded PostgreSQL: " + e.getMessage());
            }
        }));
        System.out.println("SCRM_DB_URL=" + url);
        System.out.flush();
        Thread.currentThread().join();
    }
}
