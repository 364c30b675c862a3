package org.socialcrm.api;

import java.util.List;

import org.jboss.logging.Logger;

import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.smallrye.graphql.execution.datafetcher.BatchDataFetcher;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.spi.EventingService;

/**
 * Serves every batch field ({@code Contact.socialIdentities}, ...) with {@link LeanBatchDataFetcher} instead of
 * SmallRye's {@code BatchDataFetcher}, which SmallRye builds itself (no service supplies it): the schema's code
 * registry is rebuilt once, at start-up, just before the schema is. Found by SmallRye through
 * {@code META-INF/services}; no configuration key, so always on.
 */
public class LeanBatchFields implements EventingService {

    private static final Logger LOG = Logger.getLogger(LeanBatchFields.class);

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        List<Operation> operations = LeanDataFetchers.batchOperations();
        if (operations.isEmpty()) {
            return builder;
        }
        GraphQLSchema schema = builder.build();
        int[] replaced = { 0 };
        GraphQLCodeRegistry registry = schema.getCodeRegistry().transform(code -> {
            for (Operation operation : operations) {
                GraphQLObjectType type = schema.getObjectType(operation.getSourceFieldOn().getName());
                GraphQLFieldDefinition field = type == null ? null : type.getFieldDefinition(operation.getName());
                FieldCoordinates coordinates = FieldCoordinates.coordinates(operation.getSourceFieldOn().getName(),
                        operation.getName());
                if (field != null && schema.getCodeRegistry().getDataFetcher(coordinates, field) instanceof BatchDataFetcher) {
                    code.dataFetcher(coordinates, new LeanBatchDataFetcher<>(operation));
                    replaced[0]++;
                }
            }
        });
        LOG.infof("GraphQL: %d batch fields served by lean batch fetchers", replaced[0]);
        return builder.codeRegistry(registry);
    }
}
