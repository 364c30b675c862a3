package org.socialcrm.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

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
 * <p>
 * A field with arguments gets one data loader per distinct argument values in the request: SmallRye registers one
 * loader per field, whose batch runs with the arguments of its first parent (and whose cache answers a parent seen
 * before from that first batch), so {@code a: voted(election: "X") b: voted(election: "Y")} answered both with X.
 * Each distinct set of values is still one batch, i.e. one call of the batch method for all its parents.
 */
final class LeanBatchDataFetcher<T> implements DataFetcher<CompletableFuture<T>> {

    /** Per request (in its GraphQLContext): the data loader names of a field's distinct argument values. */
    private static final String LOADERS = LeanBatchDataFetcher.class.getName() + ".loaders";
    /** Makes those names unique ("#" is no GraphQL name character, so they never meet SmallRye's "Type_field"). */
    private static final AtomicLong NAMES = new AtomicLong();

    private final String loaderName;
    private final ArgumentHelper arguments;
    /** Whether the GraphQL field takes arguments (the batch method's {@code @Source} parameter is none). */
    private final boolean loaderPerArguments;

    private LeanBatchDataFetcher(String loaderName, ArgumentHelper arguments, boolean loaderPerArguments) {
        this.loaderName = loaderName;
        this.arguments = arguments;
        this.loaderPerArguments = loaderPerArguments;
    }

    static <T> LeanBatchDataFetcher<T> of(Operation operation) {
        return new LeanBatchDataFetcher<>(new BatchLoaderHelper().getName(operation), new ArgumentHelper(operation.getArguments()),
                operation.getArguments().stream().anyMatch(argument -> !argument.isSourceArgument()));
    }

    /** A batch field without arguments; SmallRye names its data loader "Type_field". */
    static <T> LeanBatchDataFetcher<T> withoutArguments(String typeName, String fieldName) {
        return new LeanBatchDataFetcher<>(typeName + "_" + fieldName, null, false);
    }

    @Override
    public CompletableFuture<T> get(DataFetchingEnvironment environment) throws Exception {
        Map<String, Object> batchContext = new HashMap<>(4);
        batchContext.put(BatchLoaderHelper.ARGUMENTS, arguments == null ? List.of() : arguments.getArguments(environment, true));
        batchContext.put(BatchLoaderHelper.DATA_FETCHING_ENVIRONMENT, environment);
        DataLoader<Object, T> loader = environment.getDataLoader(loaderPerArguments ? loaderFor(environment) : loaderName);
        return loader.load(environment.getSource(), batchContext);
    }

    /**
     * The name of the request's loader for this field and the arguments of this occurrence (as graphql-java coerced
     * them, defaults included): a copy of SmallRye's loader (same batch method, same options, its own batch and cache),
     * registered once per distinct values, so the registry dispatches it with the others.
     */
    private String loaderFor(DataFetchingEnvironment environment) {
        Map<LoaderKey, String> names = environment.getGraphQlContext().computeIfAbsent(LOADERS, key -> new ConcurrentHashMap<>());
        return names.computeIfAbsent(new LoaderKey(loaderName, environment.getArguments()), key -> {
            String name = loaderName + "#" + NAMES.incrementAndGet();
            DataLoader<Object, T> shared = environment.getDataLoaderRegistry().getDataLoader(loaderName);
            environment.getDataLoaderRegistry().register(name, shared.transform(builder -> builder.name(name)));
            return name;
        });
    }

    private record LoaderKey(String loaderName, Map<String, Object> arguments) {
    }
}
