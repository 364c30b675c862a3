package org.socialcrm.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.smallrye.graphql.runtime.spi.datafetcher.QuarkusUniDataFetcher;
import io.smallrye.graphql.execution.datafetcher.PlugableBatchableDataFetcher;
import io.smallrye.graphql.execution.datafetcher.PlugableDataFetcher;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.spi.DataFetcherService;

/**
 * Cheaper data fetchers than SmallRye GraphQL's defaults, same answers. Measured on the contacts list (50 contacts with
 * identities), SmallRye spent most of its time on bookkeeping nobody reads here:
 * <ul>
 * <li>record properties ({@code Contact.displayName}) get {@link PlainFieldDataFetcher}: SmallRye's own fills the
 * request {@code Context} for every field (its path as a string, its selection set as JSON, twice);</li>
 * <li>operations returning {@code Uni} get Quarkus's fetcher, built once per operation: SmallRye asks for a new one
 * for every batch operation of the schema on every request, to serve as that request's batch loader;</li>
 * <li>the batch operations ({@code @Source List<...>}) of the types that fields and operations return are remembered
 * here for {@link LeanBatchFields}.</li>
 * </ul>
 * Found by SmallRye through {@code META-INF/services}; ranked before Quarkus's own service (priority 1).
 */
public class LeanDataFetchers implements DataFetcherService {

    private static final Map<OperationKey, PlugableBatchableDataFetcher<?, ?>> UNI_FETCHERS = new ConcurrentHashMap<>();
    private static final Map<String, Operation> BATCH_OPERATIONS = new ConcurrentHashMap<>();

    @Override
    public Integer getPriority() {
        return 0;
    }

    @Override
    public PlugableDataFetcher<?> getFieldDataFetcher(Field field, Type type, Reference owner) {
        remember(type);
        return new PlainFieldDataFetcher<>(field, owner);
    }

    @Override
    public PlugableBatchableDataFetcher<?, ?> getUniDataFetcher(Operation operation, Type type) {
        return UNI_FETCHERS.computeIfAbsent(OperationKey.of(operation), key -> {
            remember(type); // first sight: while the schema is built, or a batch loader's first request
            return new QuarkusUniDataFetcher<>(operation, type);
        });
    }

    /** The batch operations of the types seen while the schema is built, by "Type.field". */
    static Map<String, Operation> batchOperations() {
        return Map.copyOf(BATCH_OPERATIONS);
    }

    private static void remember(Type type) {
        if (type != null && type.hasBatchOperations()) {
            type.getBatchOperations().values().forEach(operation -> BATCH_OPERATIONS.put(coordinates(operation), operation));
        }
    }

    /** Which Java method serves which GraphQL field (operations compare equal by name alone). */
    private record OperationKey(String className, String methodName, String sourceType, String field) {

        static OperationKey of(Operation operation) {
            return new OperationKey(operation.getClassName(), operation.getMethodName(),
                    operation.getSourceFieldOn() == null ? null : operation.getSourceFieldOn().getName(), operation.getName());
        }
    }

    private static String coordinates(Operation operation) {
        return operation.getSourceFieldOn().getName() + "." + operation.getName();
    }
}
