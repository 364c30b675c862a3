package org.socialcrm.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How deep and how large one GraphQL operation may be. */
@ConfigMapping(prefix = "scrm.graphql")
public interface QueryLimitsConfig {

    @WithDefault("12")
    int maxDepth();

    /** graphql-java's default complexity: one point per field selected. */
    @WithDefault("500")
    int maxComplexity();
}
