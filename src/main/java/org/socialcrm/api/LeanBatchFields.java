package org.socialcrm.api;

import java.util.List;

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
        GraphQLCodeRegistry registry = schema.getCodeRegistry().transform(code -> {
            for (Operation operation : operations) {
                GraphQLObjectType type = schema.getObjectType(operation.getSourceFieldOn().getName());
                GraphQLFieldDefinition field = type == null ? null : type.getFieldDefinition(operation.getName());
                FieldCoordinates coordinates = FieldCoordinates.coordinates(operation.getSourceFieldOn().getName(),
                        operation.getName());
                if (field != null && schema.getCodeRegistry().getDataFetcher(coordinates, field) instanceof BatchDataFetcher) {
                    code.dataFetcher(coordinates, new LeanBatchDataFetcher<>(operation));
                }
            }
        });
        return builder.codeRegistry(registry);
    }
}
