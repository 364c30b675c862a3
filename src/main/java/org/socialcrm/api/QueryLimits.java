package org.socialcrm.api;

import static graphql.execution.instrumentation.SimpleInstrumentationContext.noOp;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import graphql.ExecutionResult;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.Node;
import graphql.language.VariableReference;
import io.quarkus.arc.Arc;

/**
 * How deep and how large one operation may be (graphql-java's own depth and complexity calculations, complexity
 * first), walked once per parsed document and operation: SmallRye caches parsed documents by their text, so a query
 * sent again is not walked again. A document whose {@code @skip}/{@code @include} take a variable is walked every
 * time, since its shape depends on the variables. Only admitted operations are remembered, weakly by document, so
 * the memory follows SmallRye's document cache.
 */
final class QueryLimits extends SimplePerformantInstrumentation {

    private final Map<Document, Seen> documents = Collections.synchronizedMap(new WeakHashMap<>());
    private final LongAdder walks = new LongAdder();
    private volatile Calculations calculations;

    /** What is known of one parsed document: whether variables change its shape, and its admitted operations. */
    private static final class Seen {
        final boolean dependsOnVariables;
        final Set<String> admitted = ConcurrentHashMap.newKeySet();

        Seen(Document document) {
            this.dependsOnVariables = dependsOnVariables(document);
        }
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        ExecutionContext context = parameters.getExecutionContext();
        String operation = Objects.toString(context.getExecutionInput().getOperationName(), "");
        Seen seen = documents.computeIfAbsent(context.getDocument(), Seen::new);
        if (seen.admitted.contains(operation)) {
            return noOp();
        }
        walks.increment();
        calculations().check(parameters);
        if (!seen.dependsOnVariables) {
            seen.admitted.add(operation);
        }
        return noOp();
    }

    /** How many times an operation was walked (the tests read it). */
    long walks() {
        return walks.sum();
    }

    private Calculations calculations() {
        Calculations current = calculations;
        if (current == null) {
            // read on first use: the GraphQL engine may be built before the configuration is at its run-time values
            GraphQLConfig config = Arc.container().instance(GraphQLConfig.class).get();
            current = new Calculations(config.maxDepth(), config.maxComplexity());
            calculations = current;
        }
        return current;
    }

    static boolean dependsOnVariables(Node<?> node) {
        if (node instanceof DirectivesContainer<?> container) {
            for (Directive directive : container.getDirectives()) {
                if (("skip".equals(directive.getName()) || "include".equals(directive.getName()))
                        && directive.getArguments().stream().anyMatch(argument -> argument.getValue() instanceof VariableReference)) {
                    return true;
                }
            }
        }
        for (Node<?> child : node.getChildren()) {
            if (dependsOnVariables(child)) {
                return true;
            }
        }
        return false;
    }

    /** graphql-java's two limit instrumentations, asked directly; each throws its AbortExecutionException when exceeded. */
    private static final class Calculations {
        private final MaxQueryComplexityInstrumentation complexity;
        private final MaxQueryDepthInstrumentation depth;

        Calculations(int maxDepth, int maxComplexity) {
            this.complexity = new MaxQueryComplexityInstrumentation(maxComplexity);
            this.depth = new MaxQueryDepthInstrumentation(maxDepth);
        }

        void check(InstrumentationExecuteOperationParameters parameters) {
            complexity.beginExecuteOperation(parameters, complexity.createStateAsync(null).join());
            depth.beginExecuteOperation(parameters, null);
        }
    }
}
