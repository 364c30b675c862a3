package org.socialcrm.graphql;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Compiled reads' settings (the switch itself, {@code scrm.graphql.compiled-reads}, is read by SmallRye). */
@ConfigMapping(prefix = "scrm.graphql.compiled")
public interface CompiledReadsConfig {

    /** How many documents' compiled statements are kept ({@link CompiledStatements}); 0 compiles every request. */
    @WithName("statements")
    @WithDefault("500")
    int statements();
}
