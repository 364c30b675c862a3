package org.socialcrm.api;

import static graphql.execution.instrumentation.SimpleInstrumentationContext.noOp;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
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
import graphql.language.Field;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Node;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Value;
import graphql.language.VariableReference;
import io.quarkus.arc.Arc;

/**
 * How deep and how large one operation may be (graphql-java's own depth and complexity calculations, complexity
 * first) and what it may fetch ({@link QueryCost}), walked once per parsed document and operation: SmallRye caches
 * parsed documents by their text, so a query sent again is not walked again. A document whose {@code @skip}/
 * {@code @include} or page sizes ({@code first}) take variables is walked again for every new set of their values.
 * Only admitted operations are remembered, weakly by document, so the memory follows SmallRye's document cache.
 */
final class QueryLimits extends SimplePerformantInstrumentation {

    /** At most this many admissions per document are remembered (each new set of variable values is one more). */
    private static final int MAX_ADMITTED_PER_DOCUMENT = 256;

    private final Map<Document, Seen> documents = Collections.synchronizedMap(new WeakHashMap<>());
    private final LongAdder walks = new LongAdder();
    private volatile Calculations calculations;

    /**
     * What is known of one parsed document: the variables that change its shape ({@code @skip}/{@code @include}) or
     * its cost ({@code first}), and its admitted operations, each with the values of those variables it was admitted
     * with.
     */
    private static final class Seen {
        final List<String> shapeVariables;
        final Set<String> admitted = ConcurrentHashMap.newKeySet();

        Seen(Document document) {
            Set<String> names = new TreeSet<>();
            shapeVariables(document, names);
            this.shapeVariables = List.copyOf(names);
        }

        String key(String operation, ExecutionContext context) {
            if (shapeVariables.isEmpty()) {
                return operation;
            }
            StringBuilder key = new StringBuilder(operation);
            for (String name : shapeVariables) {
                key.append('\0').append(context.getCoercedVariables().get(name));
            }
            return key.toString();
        }
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        ExecutionContext context = parameters.getExecutionContext();
        String operation = Objects.toString(context.getExecutionInput().getOperationName(), "");
        Seen seen = documents.computeIfAbsent(context.getDocument(), Seen::new);
        String key = seen.key(operation, context);
        if (seen.admitted.contains(key)) {
            return noOp();
        }
        walks.increment();
        calculations().check(parameters);
        if (seen.admitted.size() < MAX_ADMITTED_PER_DOCUMENT) {
            seen.admitted.add(key);
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
            current = new Calculations(config);
            calculations = current;
        }
        return current;
    }

    /** The variables that {@code @skip}/{@code @include} or a {@code first} argument take, anywhere in the node. */
    static void shapeVariables(Node<?> node, Set<String> names) {
        if (node instanceof DirectivesContainer<?> container) {
            for (Directive directive : container.getDirectives()) {
                if ("skip".equals(directive.getName()) || "include".equals(directive.getName())) {
                    directive.getArguments().forEach(argument -> variableOf(argument.getValue(), names));
                }
            }
        }
        if (node instanceof Field field) {
            field.getArguments().stream().filter(argument -> "first".equals(argument.getName()))
                    .forEach(argument -> variableOf(argument.getValue(), names));
        }
        for (Node<?> child : node.getChildren()) {
            shapeVariables(child, names);
        }
    }

    private static void variableOf(Value<?> value, Set<String> names) {
        if (value instanceof VariableReference variable) {
            names.add(variable.getName());
        }
    }

    /** Whether every root field is introspection ({@code __schema}, {@code __type}, {@code __typename}). */
    static boolean introspectionOnly(ExecutionContext context) {
        return introspectionOnly(context.getOperationDefinition().getSelectionSet(), context);
    }

    private static boolean introspectionOnly(SelectionSet selections, ExecutionContext context) {
        for (Selection<?> selection : selections.getSelections()) {
            boolean introspection;
            if (selection instanceof Field field) {
                introspection = field.getName().startsWith("__");
            } else if (selection instanceof InlineFragment fragment) {
                introspection = introspectionOnly(fragment.getSelectionSet(), context);
            } else if (selection instanceof FragmentSpread spread && context.getFragment(spread.getName()) != null) {
                introspection = introspectionOnly(context.getFragment(spread.getName()).getSelectionSet(), context);
            } else {
                introspection = false;
            }
            if (!introspection) {
                return false;
            }
        }
        return true;
    }

    /**
     * graphql-java's complexity (fields selected) and depth instrumentations, asked directly (each throws its
     * AbortExecutionException when exceeded), then the cost ({@link QueryCost}). Introspection-only operations have
     * their own depth bound: the standard introspection query of GraphiQL, Apollo and codegen tools is 15 deep.
     */
    private static final class Calculations {
        private final MaxQueryComplexityInstrumentation complexity;
        private final MaxQueryDepthInstrumentation depth;
        private final MaxQueryDepthInstrumentation introspectionDepth;
        private final long maxCost;

        Calculations(GraphQLConfig config) {
            this.complexity = new MaxQueryComplexityInstrumentation(config.maxComplexity());
            this.depth = new MaxQueryDepthInstrumentation(config.maxDepth());
            this.introspectionDepth = new MaxQueryDepthInstrumentation(config.introspectionMaxDepth());
            this.maxCost = config.maxCost();
        }

        void check(InstrumentationExecuteOperationParameters parameters) {
            ExecutionContext context = parameters.getExecutionContext();
            complexity.beginExecuteOperation(parameters, complexity.createStateAsync(null).join());
            (introspectionOnly(context) ? introspectionDepth : depth).beginExecuteOperation(parameters, null);
            long cost = QueryCost.of(context);
            if (cost > maxCost) {
                throw new QueryCostExceeded(cost, maxCost);
            }
        }
    }
}
