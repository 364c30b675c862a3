package org.socialcrm.api;

import java.util.HashMap;
import java.util.Map;

import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.ExecutionContext;

/**
 * What an operation may fetch, before it runs: every selected field counts once per row its enclosing lists may
 * return, i.e. a field's cost is 1 plus its children's cost multiplied by its {@code first} (the argument as the
 * operation's variables set it, else the schema's default, else {@link #UNDECLARED_PAGE_SIZE}). Fields without a
 * {@code first} argument count their children once. Sums saturate at {@link Long#MAX_VALUE} instead of wrapping.
 */
final class QueryCost {

    /** The page size assumed for a {@code first} argument that is absent and has no default. */
    static final int UNDECLARED_PAGE_SIZE = 50;

    private QueryCost() {
    }

    static long of(ExecutionContext context) {
        QueryTraverser traverser = QueryTraverser.newQueryTraverser()
                .schema(context.getGraphQLSchema())
                .document(context.getDocument())
                .operationName(context.getExecutionInput().getOperationName())
                .coercedVariables(context.getCoercedVariables())
                .build();
        Map<QueryVisitorFieldEnvironment, Long> children = new HashMap<>();
        long[] total = {0};
        // post order: a field's children are all counted when the field itself is visited
        traverser.visitPostOrder(new QueryVisitorStub() {
            @Override
            public void visitField(QueryVisitorFieldEnvironment field) {
                long own = add(1, multiply(children.getOrDefault(field, 0L), pageSize(field)));
                QueryVisitorFieldEnvironment parent = field.getParentEnvironment();
                if (parent == null) {
                    total[0] = add(total[0], own);
                } else {
                    children.merge(parent, own, QueryCost::add);
                }
            }
        });
        return total[0];
    }

    private static long pageSize(QueryVisitorFieldEnvironment field) {
        if (field.getFieldDefinition().getArgument("first") == null) {
            return 1;
        }
        Object first = field.getArguments().get("first");
        if (first instanceof Number number) {
            return Math.max(1, number.longValue());
        }
        return UNDECLARED_PAGE_SIZE;
    }

    static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    static long multiply(long a, long b) {
        return a != 0 && b > Long.MAX_VALUE / a ? Long.MAX_VALUE : a * b;
    }
}
