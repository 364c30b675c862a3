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

    /**
     * Whether a root connection is read as rows, one per node, with its JSON written by the app ({@link PageAsRows});
     * off, the page comes as one text value, as before (kept to measure the two side by side).
     */
    @WithName("page-rows")
    @WithDefault("true")
    boolean pageRows();
}
