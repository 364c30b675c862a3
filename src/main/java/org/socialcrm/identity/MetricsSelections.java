package org.socialcrm.identity;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.socialcrm.common.BadUserInputException;

import graphql.language.AstPrinter;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.Node;

/**
 * SmallRye batches a field per (type, field) and applies the arguments of its first occurrence to the whole
 * batch, so {@code SocialIdentity.metrics} selected twice with different arguments in one request would silently
 * answer the first arguments everywhere. This check refuses such a request instead (BAD_USER_INPUT on
 * {@code metrics}); send one request per set of arguments.
 */
final class MetricsSelections {

    private MetricsSelections() {
    }

    static void requireOneArgumentSet(Document document) {
        if (document == null) {
            return;
        }
        Set<String> argumentSets = new HashSet<>();
        collect(document, argumentSets);
        if (argumentSets.size() > 1) {
            throw new BadUserInputException("metrics",
                    "select SocialIdentity.metrics with one set of arguments per request; send one request per series");
        }
    }

    private static void collect(Node<?> node, Set<String> argumentSets) {
        if (node instanceof Field field && field.getName().equals("metrics")
                && field.getArguments().stream().anyMatch(a -> a.getName().equals("metric"))) {
            List<String> printed = field.getArguments().stream()
                    .map(a -> a.getName() + ":" + AstPrinter.printAst(a.getValue())).sorted().toList();
            argumentSets.add(String.join(",", printed));
        }
        for (Node<?> child : node.getChildren()) {
            collect(child, argumentSets);
        }
    }
}
