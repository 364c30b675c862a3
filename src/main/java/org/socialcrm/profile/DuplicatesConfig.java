package org.socialcrm.profile;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The drain of duplicate pairs marked by imports (docs/import.md, "Duplicate candidates"). */
@ConfigMapping(prefix = "scrm.duplicates")
public interface DuplicatesConfig {

    Drain drain();

    interface Drain {
        @WithDefault("true")
        boolean enabled();

        /** How often every replica looks for marked contacts; the pairs of an import appear at most this long after it plus the drain's own time. */
        @WithDefault("1s")
        Duration every();

        /** Marked contacts refreshed per transaction (one set-based pass). */
        @WithDefault("2000")
        int chunk();

        /**
         * While a contact import of the tenant runs (started less than this long ago), its marks wait: the drain would
         * take CPU and locks from the import's lanes on a small machine. 0s drains beside the import.
         */
        @WithDefault("15m")
        Duration deferWhileImporting();
    }
}
