package org.socialcrm.scoring;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.targeting.Condition;
import org.socialcrm.targeting.RuleCompiler;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Recomputes a RULES model in one statement: each rule is compiled by the targeting rule compiler into a predicate
 * over {@code contact c}; every contact's matches are evaluated together in one lateral row, the points of the
 * matching rules are summed and capped to 0-100, the matching rules become the factors (largest first), and all
 * contacts' scores are upserted at once (rows whose value and factors did not change are not rewritten).
 */
@ApplicationScoped
public class RulesScorer {

    private final RuleCompiler compiler;

    public RulesScorer(RuleCompiler compiler) {
        this.compiler = compiler;
    }

    /** Factor names: "rule 1", "rule 2", ... in the model's order. */
    static String ruleName(int index) {
        return "rule " + (index + 1);
    }

    public Uni<Void> recompute(SqlConnection connection, List<String> stages, long modelId, JsonArray rules) {
        List<JsonObject> stored = new ArrayList<>();
        rules.forEach(r -> stored.add((JsonObject) r));
        return Multi.createFrom().iterable(stored)
                .onItem().transformToUniAndConcatenate(rule -> compiler.compile(connection, stages, rule.getJsonObject("rule")))
                .collect().asList()
                .chain(conditions -> {
                    Double[] points = stored.stream().map(r -> r.getDouble("points")).toArray(Double[]::new);
                    String[] names = new String[stored.size()];
                    for (int i = 0; i < names.length; i++) {
                        names[i] = ruleName(i);
                    }
                    List<Object> params = new ArrayList<>(List.of(modelId, points, names));
                    List<String> hits = new ArrayList<>();
                    for (Condition condition : conditions) {
                        hits.add("coalesce((" + condition.numbered(params.size()) + "), false)");
                        params.addAll(condition.params());
                    }
                    // the scores in a CTE, inserted from it: Citus (docs/scale-out.md, rule 7)
                    String sql = """
                            with scored as (select c.id,
                                   least(100, greatest(0, coalesce((select sum(u.p) from unnest($2::float8[], h.hits) as u(p, hit)
                                                                      where u.hit), 0))) as value,
                                   coalesce((select jsonb_agg(jsonb_build_object('name', u.n, 'contribution', u.p)
                                                              order by abs(u.p) desc, u.n)
                                               from unnest($3::text[], $2::float8[], h.hits) as u(n, p, hit) where u.hit), '[]'::jsonb)
                                   as factors
                              from contact c
                              cross join lateral (select array[%s] as hits) h)
                            insert into contact_score (model_id, contact_id, value, factors, computed_at)
                            select $1::bigint, id, value, factors, now() from scored
                            on conflict (model_id, contact_id) do update
                               set value = excluded.value, factors = excluded.factors, computed_at = excluded.computed_at
                             where contact_score.value is distinct from excluded.value
                                or contact_score.factors is distinct from excluded.factors""".formatted(String.join(", ", hits));
                    return connection.preparedQuery(sql).execute(Tuple.from(params)).replaceWithVoid();
                });
    }
}
