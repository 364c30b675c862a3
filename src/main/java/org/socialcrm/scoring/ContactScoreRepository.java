package org.socialcrm.scoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The tenant's {@code contact_score} rows: read per page of contacts, written per model in batches. */
@ApplicationScoped
public class ContactScoreRepository {

    /** Scores of one model, computed in Java, as parallel arrays (one entry per contact). */
    public record Batch(Long[] contactIds, Double[] values, String[] factors) {
    }

    /** Every score of the given contacts with its model, one statement for a whole page. */
    public Uni<Map<Long, List<ContactScore>>> byContacts(SqlConnection connection, List<Long> contactIds) {
        return connection.preparedQuery("""
                select s.contact_id, s.value, s.factors, %s
                  from contact_score s join score_model m on m.id = s.model_id
                 where s.contact_id = any($1)
                 order by s.contact_id, m.name, m.id""".formatted(prefixed()))
                .execute(Tuple.of(contactIds.toArray(Long[]::new))).map(rows -> {
                    Map<Long, List<ContactScore>> out = new HashMap<>();
                    Map<Long, ScoreModel> models = new HashMap<>();
                    for (Row row : rows) {
                        long contact = row.getLong("contact_id");
                        ScoreModel model = models.computeIfAbsent(row.getLong("id"), id -> ScoreModelRepository.toModel(row));
                        out.computeIfAbsent(contact, c -> new ArrayList<>())
                                .add(new ContactScore(contact, model, row.getDouble("value"), factors(row.getValue("factors"))));
                    }
                    return out;
                });
    }

    /** Replaces all scores of a model: one delete, then one insert per batch (contacts erased meanwhile are skipped). */
    public Uni<Void> replace(SqlConnection connection, long modelId, List<Batch> batches) {
        return connection.preparedQuery("delete from contact_score where model_id = $1").execute(Tuple.of(modelId))
                .chain(() -> Multi.createFrom().iterable(batches)
                        .onItem().transformToUniAndConcatenate(batch -> connection.preparedQuery("""
                                with kept as (select u.contact_id, u.value, u.factors
                                  from unnest($2::bigint[], $3::float8[], $4::text[]) as u(contact_id, value, factors)
                                  join contact c on c.id = u.contact_id)
                                insert into contact_score (model_id, contact_id, value, factors)
                                select $1, contact_id, value, factors::jsonb from kept""") // a CTE for Citus (docs/scale-out.md)
                                .execute(Tuple.of(modelId, batch.contactIds(), batch.values(), batch.factors())))
                        .collect().last())
                .replaceWithVoid();
    }

    static String factorsJson(List<ScoreFactor> factors) {
        JsonArray array = new JsonArray();
        factors.forEach(f -> array.add(new JsonObject().put("name", f.name()).put("contribution", f.contribution())));
        return array.encode();
    }

    private static List<ScoreFactor> factors(Object stored) {
        List<ScoreFactor> out = new ArrayList<>();
        if (stored instanceof JsonArray array) {
            array.forEach(f -> {
                JsonObject factor = (JsonObject) f;
                out.add(new ScoreFactor(factor.getString("name"), factor.getDouble("contribution")));
            });
        }
        return out;
    }

    private static String prefixed() {
        return "m." + ScoreModelRepository.COLUMNS.replace(", ", ", m.");
    }
}
