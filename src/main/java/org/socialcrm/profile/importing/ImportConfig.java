package org.socialcrm.profile.importing;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bulk imports (docs/import.md). */
@ConfigMapping(prefix = "scrm.imports")
public interface ImportConfig {

    /** Longest line (or quoted multi-line record) accepted; a longer one is rejected with its line number. */
    @WithDefault("1048576")
    int maxLineLength();

    /**
     * Rows staged per insert while the file streams in, and rows applied per committed batch. 2,000: the first import of
     * bench/import.sh ran 17,000-17,400 rows/s against 14,600 with 1,000, old generation still flat (docs/benchmarks.md).
     */
    @WithDefault("2000")
    int batchSize();

    /** Rejections kept per job (the first ones, with their lines). */
    @WithDefault("1000")
    int maxRejections();

    /** Largest body of any request but an import upload (Content-Length); the HTTP limit itself is sized for imports. */
    @WithDefault("10485760")
    long otherMaxBodyBytes();

    Worker worker();

    interface Worker {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("2s")
        Duration every();

        /** A job whose lease expired (its replica died) is taken over by another replica. */
        @WithDefault("2m")
        Duration lease();

        /**
         * Batches of one contact import applied at once, each on its own connection (the staged rows are split by a
         * hash of their first match key); 1 applies one batch at a time.
         */
        @WithDefault("2")
        int lanes();

        /** This replica's name in leases; default host name plus a random suffix. */
        Optional<String> owner();
    }
}
