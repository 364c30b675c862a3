package org.socialcrm.api;

import java.util.List;

import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import io.smallrye.graphql.spi.EventingService;

/**
 * Puts {@link QueryLimits} in front of the instrumentation SmallRye gave the engine (its parsed-document cache; its
 * own depth and complexity limits are not configured). Found by SmallRye through {@code META-INF/services}.
 */
public class QueryLimitsInstaller implements EventingService {

    /** The limits of the engine built last (the tests read its walk count). */
    static volatile QueryLimits installed;

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        QueryLimits limits = new QueryLimits();
        installed = limits;
        // the builder does not show its instrumentation; an engine built from it does
        return builder.instrumentation(new ChainedInstrumentation(List.of(limits, builder.build().getInstrumentation())));
    }
}
