package org.socialcrm.profile;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Duplicate candidates (docs/import.md, "Duplicate candidates"). */
@ConfigMapping(prefix = "scrm.duplicates")
public interface DuplicatesConfig {

    /**
     * Whether upserts and import batches find the pairs of the contacts they write. Always on in the product; only
     * {@code bench/import.sh} switches it off ({@code BENCH_PAIR_REFRESH=0}) to measure the import without the
     * pair refresh, whose own cost is measured by {@code bench/duplicates.sh}.
     */
    @WithDefault("true")
    boolean refreshOnWrite();
}
