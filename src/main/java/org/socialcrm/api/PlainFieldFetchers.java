package org.socialcrm.api;

import io.smallrye.graphql.execution.datafetcher.PlugableDataFetcher;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.spi.DataFetcherService;

/**
 * Serves the fields of output types (record components such as {@code Contact.displayName}) with
 * {@link PlainFieldDataFetcher} instead of SmallRye's own field fetcher. SmallRye's fills the request {@code Context}
 * for every such field (its path as a string, its selection set as JSON twice): about a fifth of the CPU of a list
 * query, for a context that a record accessor never reads. Operations (API methods) keep SmallRye's fetchers.
 * <p>
 * Found by SmallRye through {@code META-INF/services}; Quarkus's own service (priority 1) supplies no field fetcher.
 */
public class PlainFieldFetchers implements DataFetcherService {

    @Override
    public Integer getPriority() {
        return 100;
    }

    @Override
    public PlugableDataFetcher<?> getFieldDataFetcher(Field field, Type type, Reference owner) {
        return new PlainFieldDataFetcher<>(field, owner);
    }
}
