package org.socialcrm.api;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import graphql.GraphQLException;
import graphql.TrivialDataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.execution.datafetcher.PlugableDataFetcher;
import io.smallrye.graphql.execution.datafetcher.helper.FieldHelper;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.Wrapper;
import io.smallrye.graphql.spi.ClassloadingService;
import io.smallrye.graphql.transformation.AbstractDataFetcherException;

/**
 * Reads one property of the source object (its accessor, or its public field) and, only where SmallRye would
 * (dates, formatted numbers, maps, Optional, adapters), transforms it with SmallRye's own helper.
 */
final class PlainFieldDataFetcher<T> implements PlugableDataFetcher<T>, TrivialDataFetcher<T> {

    private final Field field;
    private final Reference owner;
    private final Transforms transforms;
    // Resolved on first use (the owner class may not be loadable while the schema is built); races only repeat work.
    private volatile Accessor accessor;

    PlainFieldDataFetcher(Field field, Reference owner) {
        this.field = field;
        this.owner = owner;
        this.transforms = new Transforms(field);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(DataFetchingEnvironment environment) throws Exception {
        Accessor read = accessor;
        if (read == null) {
            read = accessor = accessor();
        }
        Object value = read.get(environment.getSource());
        if (value == null || !transforms.needed) {
            return (T) value;
        }
        try {
            return (T) transforms.transformOrAdaptResponse(value, environment);
        } catch (AbstractDataFetcherException e) {
            return (T) value; // what SmallRye's fetcher answers when a transformation fails
        }
    }

    private Accessor accessor() {
        try {
            Class<?> type = ClassloadingService.get().loadClass(owner.getClassName());
            if (field.getMethodName() == null) {
                java.lang.reflect.Field property = type.getField(field.getPropertyName());
                return property::get;
            }
            Method method = type.getMethod(field.getMethodName());
            return source -> {
                try {
                    return method.invoke(source);
                } catch (InvocationTargetException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            };
        } catch (ReflectiveOperationException e) {
            throw new GraphQLException(e);
        }
    }

    @FunctionalInterface
    private interface Accessor {
        Object get(Object source) throws Exception;
    }

    /**
     * SmallRye's helper, and whether it would change anything: a value is passed through as it is unless its type is
     * transformed (a scalar held as another Java type, a format) or adapted, or it sits in an array, map or Optional.
     * Collections of such plain values are passed through too (SmallRye would copy them element by element).
     */
    private static final class Transforms extends FieldHelper {

        final boolean needed;

        Transforms(Field field) {
            super(field);
            this.needed = field.hasTransformation() || shouldTransform(field) || shouldAdapt(field)
                    || field.getReference().getClassName().startsWith("java.util.Optional")
                    || (field.hasWrapper() && !onlyCollections(field.getWrapper()));
        }

        private static boolean onlyCollections(Wrapper wrapper) {
            for (Wrapper w = wrapper; w != null; w = w.getWrapper()) {
                if (!w.isCollection() || w.isOptional() || w.isMap() || w.isArray()) {
                    return false;
                }
            }
            return true;
        }
    }
}
