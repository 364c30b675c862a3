package org.socialcrm.targeting;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.vertx.core.json.JsonObject;

/**
 * For bench/targeting.sh: prints the count statement the compiler makes of a rule (given as JSON, no saved segments
 * or custom fields), its values written as literals so that psql and pgbench can run it.
 */
public final class RuleSqlMain {

    private RuleSqlMain() {
    }

    public static void main(String[] args) {
        TargetingConfig limits = new TargetingConfig() {
            public int maxRuleDepth() {
                return 10;
            }

            public int maxRuleNodes() {
                return 200;
            }

            public int maxInlinedNodes() {
                return 2000;
            }
        };
        KnownStages stages = KnownStages.of(List.of("subscriber", "lead", "marketing_qualified_lead", "sales_qualified_lead",
                "opportunity", "customer", "evangelist"));
        Condition condition = new RuleTranslator(limits, stages, null, null).rule(new JsonObject(args[0]), "rule");
        StringBuilder sql = new StringBuilder();
        int next = 0;
        for (char ch : condition.sql().toCharArray()) {
            sql.append(ch == '?' ? literal(condition.params().get(next++)) : String.valueOf(ch));
        }
        System.out.println("select count(*) from contact c where " + sql + ";");
    }

    private static String literal(Object value) {
        if (value instanceof Object[] array) {
            return quote("{" + Arrays.stream(array).map(v -> "\"" + v + "\"").collect(Collectors.joining(",")) + "}");
        }
        if (value instanceof String || value instanceof LocalDate) {
            return quote(value.toString());
        }
        return String.valueOf(value);
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
