package org.socialcrm.graphql;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import graphql.execution.ExecutionContext;
import graphql.execution.MergedSelectionSet;

/**
 * Compiled statements kept per document and operation, so that a request compiles only its skeleton (what its
 * arguments can change, with its parameters) and not the whole statement: compiling every request was 12.9% of Q3's
 * app samples (docs/benchmarks.md). A document's variants (arguments that change the statement's text: page sizes,
 * orders, filters, cursors present or not) are told apart by their skeletons, so a kept statement serves only
 * requests whose statement it is. Bounded: at most {@code size} documents and {@link #VARIANTS} variants each; a plain
 * map (no weak keys, no generated classes: native image).
 */
final class CompiledStatements {

    /** Variants kept per document and operation; more replace the oldest. */
    static final int VARIANTS = 4;
    /** Documents longer than this are compiled on every request (they would weigh on the heap as keys). */
    static final int LONGEST_DOCUMENT = 16 * 1024;

    private record Variant(String skeleton, CompiledRead read) {
    }

    private final Map<String, List<Variant>> documents = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final int size;
    private final boolean pageRows;

    CompiledStatements(int size, boolean pageRows) {
        this.size = size;
        this.pageRows = pageRows;
    }

    /**
     * The operation's compiled read with this request's parameters.
     *
     * @throws NotCompilable when the operation does not compile
     */
    CompiledRead compile(ExecutionContext context, MergedSelectionSet rootFields, CompiledSchema schema) {
        String query = context.getExecutionInput().getQuery();
        if (size <= 0 || query == null || query.length() > LONGEST_DOCUMENT) {
            return CompiledRead.of(context, rootFields, schema, pageRows);
        }
        String operation = context.getOperationDefinition().getName();
        String key = (operation == null ? "" : operation) + '\n' + query;
        CompiledRead.Skeleton skeleton = CompiledRead.skeleton(context, rootFields, schema, pageRows);
        List<Variant> variants = documents.get(key);
        if (variants != null) {
            for (Variant variant : variants) {
                if (variant.skeleton().equals(skeleton.text())) {
                    hits.increment();
                    return variant.read().with(skeleton.statement());
                }
            }
        }
        CompiledRead read = CompiledRead.of(context, rootFields, schema, pageRows);
        keep(key, new Variant(skeleton.text(), read), variants);
        return read;
    }

    private void keep(String key, Variant variant, List<Variant> known) {
        if (known == null && documents.size() >= size) {
            Iterator<String> any = documents.keySet().iterator();
            if (any.hasNext()) {
                documents.remove(any.next());
            }
        }
        documents.compute(key, (k, variants) -> {
            if (variants == null) {
                return List.of(variant);
            }
            List<Variant> next = new ArrayList<>(variants.size() + 1);
            next.add(variant);
            next.addAll(variants.subList(0, Math.min(variants.size(), VARIANTS - 1)));
            return List.copyOf(next);
        });
    }

    /** Requests served by a kept statement since start. */
    long hits() {
        return hits.sum();
    }

    /** The reads kept for a document (any operation), latest variant first, with their first request's parameters: for tests. */
    List<CompiledRead> readsOf(String query) {
        List<CompiledRead> reads = new ArrayList<>();
        documents.forEach((key, variants) -> {
            if (key.endsWith('\n' + query)) {
                variants.forEach(variant -> reads.add(variant.read()));
            }
        });
        return reads;
    }

    /** The statements kept for a document (any operation), latest variant first: for tests and diagnosis. */
    List<String> statementsOf(String query) {
        return readsOf(query).stream().map(CompiledRead::sql).toList();
    }
}
