package org.socialcrm.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.dataloader.DataLoader;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.execution.datafetcher.helper.ArgumentHelper;
import io.smallrye.graphql.execution.datafetcher.helper.BatchLoaderHelper;
import io.smallrye.graphql.schema.model.Operation;

/**
 * A field served by a batch operation: queues its parent on the request's data loader for the operation, as SmallRye's
 * {@code BatchDataFetcher} does, without filling the request context for every parent (the batch loader fills it once
 * per batch, from the first parent), without a metrics timer per parent (root fields stay timed) and without wrapping
 * the loader's future in a Uni.
 */
final class LeanBatchDataFetcher<T> implements DataFetcher<CompletableFuture<T>> {

    private final String loaderName;
    private final ArgumentHelper arguments;

    private LeanBatchDataFetcher(String loaderName, ArgumentHelper arguments) {
        this.loaderName = loaderName;
        this.arguments = arguments;
    }

    static <T> LeanBatchDataFetcher<T> of(Operation operation) {
        return new LeanBatchDataFetcher<>(new BatchLoaderHelper().getName(operation),
                new ArgumentHelper(operation.getArguments()));
    }

    /** A batch field without arguments; SmallRye names its data loader "Type_field". */
    static <T> LeanBatchDataFetcher<T> withoutArguments(String typeName, String fieldName) {
        return new LeanBatchDataFetcher<>(typeName + "_" + fieldName, null);
    }

    @Override
    public CompletableFuture<T> get(DataFetchingEnvironment environment) throws Exception {
        Map<String, Object> batchContext = new HashMap<>(4);
        batchContext.put(BatchLoaderHelper.ARGUMENTS, arguments == null ? List.of() : arguments.getArguments(environment, true));
        batchContext.put(BatchLoaderHelper.DATA_FETCHING_ENVIRONMENT, environment);
        DataLoader<Object, T> loader = environment.getDataLoader(loaderName);
        return loader.load(environment.getSource(), batchContext);
    }
}
