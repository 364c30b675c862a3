package org.socialcrm.field;

import static graphql.execution.instrumentation.SimpleInstrumentationContext.noOp;

import java.util.List;
import java.util.Map;

import org.socialcrm.common.ErrorCode;

import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import io.quarkus.arc.Arc;

/**
 * The one gate of a field worker (crm-field and nothing more): an operation that selects anything outside
 * {@link FieldWorkerFields} is refused whole with FORBIDDEN before any resolver runs, on Query, Mutation and
 * Subscription alike. Other callers pass untouched (one role check per operation).
 */
final class FieldWorkerGate extends SimplePerformantInstrumentation {

    private volatile TurfContactVisibility visibility;

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        if (!visibility().confined()) {
            return noOp();
        }
        ExecutionContext context = parameters.getExecutionContext();
        String refused = FieldWorkerFields.firstRefused(context);
        if (refused != null) {
            throw new AbortExecutionException(List.of(GraphqlErrorBuilder.newError()
                    .message("Your role (crm-field) does not allow %s.", refused)
                    .errorType(ErrorType.ExecutionAborted)
                    .extensions(Map.of("code", ErrorCode.FORBIDDEN.name()))
                    .build()));
        }
        return noOp();
    }

    private TurfContactVisibility visibility() {
        TurfContactVisibility current = visibility;
        if (current == null) {
            // graphql-java, not CDI, holds this instrumentation: look the bean up on first use
            current = Arc.container().instance(TurfContactVisibility.class).get();
            visibility = current;
        }
        return current;
    }
}
