package org.socialcrm.api;

import java.util.List;
import java.util.Map;

import org.socialcrm.common.ErrorCode;

import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;

/** An operation refused before it runs because of what it would fetch: BAD_USER_INPUT with the computed cost. */
final class QueryCostExceeded extends AbortExecutionException {

    QueryCostExceeded(long cost, long maxCost) {
        super(List.of(error(cost, maxCost)));
    }

    private static GraphQLError error(long cost, long maxCost) {
        return GraphqlErrorBuilder.newError()
                .message("query cost %d exceeds the maximum of %d: lower the page sizes (first) or select less nesting",
                        cost, maxCost)
                .errorType(ErrorType.ValidationError)
                .extensions(Map.of("code", ErrorCode.BAD_USER_INPUT.name(), "cost", cost, "maxCost", maxCost))
                .build();
    }
}
