package org.socialcrm.api.compiled;

import java.util.concurrent.CompletableFuture;

import org.jboss.logging.Logger;
import org.socialcrm.common.ApiException;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import io.smallrye.graphql.execution.error.ExceptionHandler;

/**
 * The query execution strategy: an operation whose every field compiles runs as one SQL statement that builds the
 * response's JSON in PostgreSQL; any other operation runs field by field as before. A compiled read that the
 * tenant refuses or that fails runs again the general way, which words the error as always.
 */
final class CompiledQueryStrategy extends AsyncExecutionStrategy {

    private static final Logger LOG = Logger.getLogger(CompiledQueryStrategy.class);

    private volatile CompiledReads reads;

    CompiledQueryStrategy() {
        super(new ExceptionHandler());
    }

    @Override
    public CompletableFuture<ExecutionResult> execute(ExecutionContext context, ExecutionStrategyParameters parameters) {
        CompiledReads reads = reads();
        CompiledRead read;
        try {
            read = CompiledRead.of(context, parameters.getFields());
        } catch (RuntimeException e) {
            LOG.debugf("GraphQL read not compiled: %s", e.getMessage());
            reads.declined();
            return super.execute(context, parameters);
        }
        CompletableFuture<ExecutionResult> result = new CompletableFuture<>();
        reads.run(read).map(columns -> columns == null ? null : read.data(columns)).subscribe().with(data -> {
            if (data == null) {
                reads.fellBack();
                generally(context, parameters, result);
            } else {
                reads.compiled();
                result.complete(ExecutionResultImpl.newExecutionResult().data(data).build());
            }
        }, failure -> {
            if (!(failure instanceof ApiException)) {
                LOG.errorf("Compiled read failed, served the general way: %s", failure.toString());
            }
            reads.fellBack();
            generally(context, parameters, result);
        });
        return result;
    }

    /** The CDI bean, looked up once (graphql-java, not CDI, creates this strategy, before the beans are ready). */
    private CompiledReads reads() {
        CompiledReads current = reads;
        if (current == null) {
            current = CompiledReads.current();
            reads = current;
        }
        return current;
    }

    private void generally(ExecutionContext context, ExecutionStrategyParameters parameters, CompletableFuture<ExecutionResult> result) {
        try {
            super.execute(context, parameters).whenComplete((done, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(done);
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }
}
