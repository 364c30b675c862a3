package org.socialcrm.graphql;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jboss.logging.Logger;
import org.socialcrm.common.ApiException;
import org.socialcrm.common.ErrorCode;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.ExecutionResultImpl;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.MergedField;
import graphql.execution.ResultPath;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLTypeUtil;
import io.smallrye.graphql.execution.error.ExceptionHandler;
import io.smallrye.graphql.execution.error.GraphQLExceptionWhileDataFetching;

/**
 * The query execution strategy: an operation whose every field compiles runs as one SQL statement that builds the
 * response's JSON in PostgreSQL; any other operation runs field by field as before. A compiled read that the
 * tenant refuses runs again the general way, which words the refusal as always; one that failed in the database (a
 * timeout, an outage) is answered with that error at once, since running its statements again would fail again.
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
        if (reads.confined()) {
            reads.declined();
            return super.execute(context, parameters);
        }
        try {
            read = reads.compile(context, parameters.getFields());
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
            if (failure instanceof ApiException api && failedInTheDatabase(api)) {
                // the same statements would fail again (a timeout, an outage): answer the error, do not run them twice
                reads.failed();
                result.complete(failedResult(context, parameters, api));
                return;
            }
            if (!(failure instanceof ApiException)) {
                LOG.errorf("Compiled read failed, served the general way: %s", failure.getClass().getName());
            }
            reads.fellBack();
            generally(context, parameters, result);
        });
        return result;
    }

    /** Failures of the statement itself, as {@code TenantRequests} words them; refusals come before any statement. */
    private static boolean failedInTheDatabase(ApiException failure) {
        return failure.code() == ErrorCode.SERVICE_UNAVAILABLE || failure.code() == ErrorCode.INTERNAL;
    }

    /** The error as the general path would report it on the first root field; data null as far as nullability says. */
    private static ExecutionResult failedResult(ExecutionContext context, ExecutionStrategyParameters parameters, ApiException failure) {
        Map<String, MergedField> roots = parameters.getFields().getSubFields();
        Map.Entry<String, MergedField> first = roots.entrySet().iterator().next();
        GraphQLError error = new GraphQLExceptionWhileDataFetching(failure.getMessage(), ResultPath.rootPath().segment(first.getKey()),
                failure, first.getValue().getSingleField().getSourceLocation());
        GraphQLObjectType query = context.getGraphQLSchema().getQueryType();
        Map<String, Object> data = new LinkedHashMap<>();
        for (Map.Entry<String, MergedField> root : roots.entrySet()) {
            GraphQLFieldDefinition definition = query.getFieldDefinition(root.getValue().getName());
            if (definition != null && GraphQLTypeUtil.isNonNull(definition.getType())) {
                data = null;
                break;
            }
            data.put(root.getKey(), null);
        }
        return ExecutionResultImpl.newExecutionResult().data(data).addError(error).build();
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
