package org.socialcrm.scoring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.Ids;
import org.socialcrm.common.JsonValues;
import org.socialcrm.common.NotFoundException;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The tenant's {@code score_model} rows: definitions, trained coefficients and quality, schedule leases. */
@ApplicationScoped
public class ScoreModelRepository {

    static final String COLUMNS = "id, name, kind, rules, target_segment_id, target_stage, trained_at, quality";

    /** A model with what training needs that the API does not show. */
    public record Stored(ScoreModel model, JsonArray rules, JsonObject coefficients) {
        public long id() {
            return Long.parseLong(model.id());
        }
    }

    public Uni<List<ScoreModel>> list(SqlConnection connection) {
        return connection.query("select " + COLUMNS + " from score_model order by name, id").execute().map(ScoreModelRepository::models);
    }

    public Uni<Optional<Stored>> find(SqlConnection connection, long id) {
        return connection.preparedQuery("select " + COLUMNS + ", coefficients from score_model where id = $1").execute(Tuple.of(id))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new Stored(toModel(row), rulesOf(row), row.getJsonObject("coefficients")));
                });
    }

    /**
     * Inserts a model, or replaces the definition of one: a changed definition voids its training and its scores
     * (they described the old one) and makes it due at once.
     */
    public Uni<ScoreModel> save(SqlConnection connection, Long id, String name, ScoreModelKind kind, JsonArray rules,
            Long targetSegmentId, String targetStage) {
        Tuple params = Tuple.of(name, kind.name(), rules, targetSegmentId, targetStage);
        if (id == null) {
            return connection.preparedQuery("insert into score_model (name, kind, rules, target_segment_id, target_stage) "
                    + "values ($1, $2, $3, $4, $5) returning " + COLUMNS).execute(params).map(rows -> toModel(rows.iterator().next()));
        }
        return connection.preparedQuery("""
                with updated as (
                  update score_model set name = $1, kind = $2, rules = $3, target_segment_id = $4, target_stage = $5,
                         trained_at = null, quality = null, coefficients = null, scored_through = null,
                         next_run_at = now(), updated_at = now()
                   where id = $6 returning %s
                ), voided as (
                  delete from contact_score where model_id in (select id from updated)
                )
                select * from updated""".formatted(COLUMNS)).execute(params.addLong(id)).map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw new NotFoundException("No such score model.");
                    }
                    return toModel(rows.iterator().next());
                });
    }

    /** Records a training (or a RULES recomputation) and when the model is due again. */
    public Uni<ScoreModel> trained(SqlConnection connection, long id, JsonObject coefficients, ScoreModelQuality quality,
            Long scoredThrough, Duration nextRunIn) {
        JsonObject qualityJson = quality == null ? null : new JsonObject().put("auc", quality.auc())
                .put("positives", quality.positives()).put("negatives", quality.negatives())
                .put("features", new JsonArray(quality.features()));
        return connection.preparedQuery("""
                update score_model set coefficients = $2, quality = $3, scored_through = $4, trained_at = now(),
                       next_run_at = now() + make_interval(secs => $5), lease_owner = null, lease_expires_at = null,
                       updated_at = now()
                 where id = $1 returning %s""".formatted(COLUMNS))
                .execute(Tuple.of(id, coefficients, qualityJson, scoredThrough, (double) nextRunIn.toSeconds()))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw new NotFoundException("No such score model.");
                    }
                    return toModel(rows.iterator().next());
                });
    }

    /**
     * Leases the tenant's due models for {@code owner}: due by time, or (RULES) when the change feed moved past the
     * position their scores were computed after. Locked rows (another replica leasing now) are skipped.
     */
    public Uni<List<Long>> leaseDue(SqlConnection connection, String owner, Duration lease, int limit) {
        return connection.preparedQuery("""
                with latest as (select coalesce(max(id), 0) as position from change),
                due as (
                  select m.id from score_model m, latest
                   where (m.lease_expires_at is null or m.lease_expires_at < now())
                     and (m.next_run_at <= now()
                          or (m.kind = 'RULES' and m.scored_through is distinct from latest.position))
                   order by m.next_run_at, m.id
                   limit $3
                   for update of m skip locked
                )
                update score_model m set lease_owner = $1, lease_expires_at = now() + make_interval(secs => $2)
                  from due where m.id = due.id
                returning m.id""").execute(Tuple.of(owner, (double) lease.toSeconds(), limit)).map(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getLong("id")));
                    return ids;
                });
    }

    /** Gives a lease back after a failed run; the model is tried again after {@code retryIn}. */
    public Uni<Void> release(SqlConnection connection, long id, Duration retryIn) {
        return connection.preparedQuery("update score_model set lease_owner = null, lease_expires_at = null, "
                + "next_run_at = now() + make_interval(secs => $2) where id = $1")
                .execute(Tuple.of(id, (double) retryIn.toSeconds())).replaceWithVoid();
    }

    static List<ScoreModel> models(RowSet<Row> rows) {
        List<ScoreModel> out = new ArrayList<>();
        rows.forEach(row -> out.add(toModel(row)));
        return out;
    }

    static ScoreModel toModel(Row row) {
        List<ScoreRule> rules = new ArrayList<>();
        rulesOf(row).forEach(r -> {
            JsonObject rule = (JsonObject) r;
            rules.add(new ScoreRule(JsonValues.toJsonP(rule.getJsonObject("rule")), rule.getDouble("points")));
        });
        JsonObject quality = row.getJsonObject("quality");
        ScoreModelQuality q = quality == null ? null : new ScoreModelQuality(quality.getDouble("auc"),
                quality.getInteger("positives"), quality.getInteger("negatives"),
                quality.getJsonArray("features").stream().map(String::valueOf).toList());
        return new ScoreModel(Ids.of(row.getLong("id")), row.getString("name"), ScoreModelKind.valueOf(row.getString("kind")),
                rules, row.getLong("target_segment_id"), row.getString("target_stage"), row.getOffsetDateTime("trained_at"), q);
    }

    private static JsonArray rulesOf(Row row) {
        Object rules = row.getValue("rules");
        return rules instanceof JsonArray array ? array : new JsonArray();
    }
}
