package org.socialcrm.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.smallrye.graphql.execution.datafetcher.BatchDataFetcher;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.spi.EventingService;

/**
 * Serves every batch field ({@code Contact.socialIdentities}, ...) with {@link LeanBatchDataFetcher} instead of
 * SmallRye's {@code BatchDataFetcher}, which SmallRye builds itself (no service supplies it): the schema's code
 * registry is rebuilt once, at start-up, just before the schema is. A batch field with arguments needs its operation
 * (to convert them), which {@link LeanDataFetchers} saw for most types; one it did not see keeps SmallRye's fetcher,
 * with a warning. Found by SmallRye through {@code META-INF/services}; no configuration key, so always on.
 */
public class LeanBatchFields implements EventingService {

    private static final Logger LOG = Logger.getLogger(LeanBatchFields.class);

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        GraphQLSchema schema = builder.build();
        GraphQLCodeRegistry current = schema.getCodeRegistry();
        Map<String, Operation> operations = LeanDataFetchers.batchOperations();
        List<String> kept = new ArrayList<>();
        int[] replaced = { 0 };
        GraphQLCodeRegistry registry = current.transform(code -> {
            for (GraphQLNamedType named : schema.getAllTypesAsList()) {
                if (!(named instanceof GraphQLObjectType type)) {
                    continue;
                }
                for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
                    FieldCoordinates coordinates = FieldCoordinates.coordinates(type.getName(), field.getName());
                    if (!(current.getDataFetcher(coordinates, field) instanceof BatchDataFetcher)) {
                        continue;
                    }
                    Operation operation = operations.get(type.getName() + "." + field.getName());
                    if (operation != null) {
                        code.dataFetcher(coordinates, LeanBatchDataFetcher.of(operation));
                    } else if (field.getArguments().isEmpty()) {
                        code.dataFetcher(coordinates, LeanBatchDataFetcher.withoutArguments(type.getName(), field.getName()));
                    } else {
                        kept.add(type.getName() + "." + field.getName());
                        continue;
                    }
                    replaced[0]++;
                }
            }
        });
        LOG.infof("GraphQL: %d batch fields served by lean batch fetchers", replaced[0]);
        if (!kept.isEmpty()) {
            LOG.warnf("GraphQL: batch fields left on SmallRye's fetcher (arguments, operation not seen): %s", kept);
        }
        return builder.codeRegistry(registry);
    }
}
