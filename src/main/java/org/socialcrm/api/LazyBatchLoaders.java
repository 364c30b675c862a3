package org.socialcrm.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

import org.dataloader.BatchLoaderWithContext;
import org.dataloader.CacheKey;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderOptions;
import org.dataloader.DataLoaderRegistry;

import graphql.ExecutionInput;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import io.smallrye.graphql.bootstrap.DataFetcherFactory;
import io.smallrye.graphql.execution.datafetcher.helper.BatchLoaderHelper;
import io.smallrye.graphql.schema.model.Argument;
import io.smallrye.graphql.schema.model.Operation;

/**
 * The data loaders of the batch fields that {@link LeanBatchFields} serves, each made when a request first asks for
 * it. SmallRye made one for every batch operation of the schema (about fifty) on every request, used or not: a tenth
 * of the CPU of a request that reads nothing ({@code { __typename }}), 5% of a contact's detail (docs/benchmarks.md).
 * A loader is made as SmallRye makes it: the same batch loader and, for a field with arguments, the same cache key.
 * Loaders SmallRye still registers itself (batch fields left on its fetcher) stay in the request's registry.
 */
final class LazyBatchLoaders extends SimplePerformantInstrumentation {

    /** Arguments and source, as SmallRye keys the cache of a loader whose field takes arguments. */
    private static final CacheKey<Object> ARGUMENTS_AND_SOURCE = new CacheKey<>() {
        @Override
        public Object getKey(Object source) {
            return source;
        }

        @Override
        public Object getKeyWithContext(Object source, Object context) {
            if (context instanceof Map<?, ?> batch && batch.get(BatchLoaderHelper.ARGUMENTS) instanceof List<?> arguments) {
                return Objects.hash(Objects.hash(arguments.toArray()), source.hashCode());
            }
            return source;
        }
    };

    private final Map<String, Operation> operations;
    private final DataFetcherFactory fetchers = new DataFetcherFactory();
    private final LongAdder made = new LongAdder();

    /** @param operations the batch operations by their loader's name (SmallRye's "Type_field") */
    LazyBatchLoaders(Map<String, Operation> operations) {
        this.operations = Map.copyOf(operations);
    }

    @Override
    public ExecutionInput instrumentExecutionInput(ExecutionInput input, InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        Registry registry = new Registry();
        input.getDataLoaderRegistry().getDataLoadersMap().forEach(registry::register);
        return input.transform(builder -> builder.dataLoaderRegistry(registry));
    }

    /** Loaders made since start (the tests read it). */
    long made() {
        return made.sum();
    }

    private DataLoader<?, ?> loader(Operation operation) {
        made.increment();
        BatchLoaderWithContext<Object, Object> batch = fetchers.getSourceBatchLoader(operation, null);
        if (operation.getArguments().stream().allMatch(Argument::isSourceArgument)) {
            return DataLoaderFactory.newDataLoader(batch);
        }
        return DataLoaderFactory.newDataLoader(batch, DataLoaderOptions.newOptions().setCacheKeyFunction(ARGUMENTS_AND_SOURCE).build());
    }

    /** One request's loaders: a batch field's own made on first use, any other as registered. */
    private final class Registry extends DataLoaderRegistry {
        @Override
        public <K, V> DataLoader<K, V> getDataLoader(String key) {
            Operation operation = operations.get(key);
            if (operation == null) {
                return super.getDataLoader(key);
            }
            return computeIfAbsent(key, name -> loader(operation));
        }
    }
}
