package org.socialcrm.field;

import java.util.List;

import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import io.smallrye.graphql.spi.EventingService;

/** Puts {@link FieldWorkerGate} in front of the engine's instrumentation. Found by SmallRye through META-INF/services. */
public class FieldWorkerGateInstaller implements EventingService {

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        return builder.instrumentation(new ChainedInstrumentation(List.of(new FieldWorkerGate(), builder.build().getInstrumentation())));
    }
}
