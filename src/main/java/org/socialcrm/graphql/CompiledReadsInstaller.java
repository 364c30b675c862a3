package org.socialcrm.graphql;

import graphql.GraphQL;
import io.smallrye.graphql.spi.EventingService;

/**
 * Installs {@link CompiledQueryStrategy} as graphql-java's query strategy. Found by SmallRye through
 * {@code META-INF/services}; on while {@code scrm.graphql.compiled-reads} is true (application.properties).
 */
public class CompiledReadsInstaller implements EventingService {

    @Override
    public String getConfigKey() {
        return "scrm.graphql.compiled-reads";
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        return builder.queryExecutionStrategy(new CompiledQueryStrategy());
    }
}
