package org.socialcrm.api;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The GraphQL engine's settings (read by {@link QueryLimits}, which CDI does not create, and by SmallRye). */
@Unremovable
@ConfigMapping(prefix = "scrm.graphql")
public interface GraphQLConfig {

    /** How deep one operation may be. */
    @WithDefault("12")
    int maxDepth();

    /** How large one operation may be: graphql-java's default complexity, one point per field selected. */
    @WithDefault("500")
    int maxComplexity();

    /** How deep an operation that only introspects the schema ({@code __schema}, {@code __type}) may be. */
    @WithDefault("20")
    int introspectionMaxDepth();

    /** What one operation may fetch: fields multiplied by the page sizes ({@code first}) of the lists around them. */
    @WithDefault("50000")
    long maxCost();

    /** Compiled reads on or off (SmallRye reads this key to enable {@code CompiledReadsInstaller}). */
    @WithDefault("true")
    boolean compiledReads();
}
