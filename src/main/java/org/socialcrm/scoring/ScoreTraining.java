package org.socialcrm.scoring;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.audit.AuditLog;
import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.NotFoundException;
import org.socialcrm.segment.SegmentMembers;
import org.socialcrm.tenancy.TenantScope;
import org.socialcrm.tenancy.TenantTransactions;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Trains a model and scores every contact of its tenant, for trainScoreModel and for the scheduler alike.
 * LOOKALIKE: the features are read in one report transaction, the model is fitted on a worker thread (no
 * transaction held open meanwhile), and the coefficients, quality and all scores are written in one transaction,
 * so readers see the old model's scores or the new one's, never a mix.
 */
@ApplicationScoped
public class ScoreTraining {

    private final TenantTransactions transactions;
    private final ScoreModelRepository models;
    private final ContactScoreRepository scores;
    private final ContactFeatures features;
    private final SegmentMembers segmentMembers;
    private final AuditLog audit;
    private final ScoringConfig config;
    private final MeterRegistry registry;
    private final RulesScorer rules;

    public ScoreTraining(TenantTransactions transactions, ScoreModelRepository models, ContactScoreRepository scores,
            ContactFeatures features, SegmentMembers segmentMembers, AuditLog audit, ScoringConfig config, MeterRegistry registry,
            RulesScorer rules) {
        this.transactions = transactions;
        this.models = models;
        this.scores = scores;
        this.features = features;
        this.segmentMembers = segmentMembers;
        this.audit = audit;
        this.config = config;
        this.registry = registry;
        this.rules = rules;
    }

    /** Time of one phase of a LOOKALIKE run: extract (features), fit (Tribuo), score (all contacts), write. */
    private Timer phase(String name) {
        return Timer.builder("scrm.score.model.phase").description("Phases of training and scoring LOOKALIKE models")
                .tag("phase", name).register(registry);
    }

    private record Prepared(ScoreModelRepository.Stored stored, FeatureTable table) {
    }

    /** Trains (or recomputes) the model; {@code actor} non-null records an audit event with the result. */
    public Uni<ScoreModel> train(TenantScope scope, long modelId, String actor) {
        return transactions.report(scope, connection -> models.find(connection, modelId).map(found -> found
                .orElseThrow(() -> new NotFoundException("No such score model.")).model().kind()))
                .chain(kind -> kind == ScoreModelKind.RULES ? recompute(scope, modelId, actor) : lookalike(scope, modelId, actor));
    }

    /**
     * RULES: one upsert of every contact's score, in a report transaction (its one statement may take a while on a
     * large tenant), remembering the change-feed position it saw so that the scheduler runs it again after changes.
     */
    private Uni<ScoreModel> recompute(TenantScope scope, long modelId, String actor) {
        return transactions.report(scope, connection -> models.find(connection, modelId).chain(found -> {
            ScoreModelRepository.Stored stored = found.orElseThrow(() -> new NotFoundException("No such score model."));
            return connection.query("select coalesce(max(id), 0) from change").execute()
                    .map(rows -> rows.iterator().next().getLong(0))
                    .call(() -> rules.recompute(connection, scope.tenant().stageKeys(), modelId, stored.rules()))
                    .chain(position -> models.trained(connection, modelId, null, null, position, config.retrainAfter()))
                    .call(model -> actor == null ? Uni.createFrom().voidItem()
                            : audit.record(connection, actor, "score_model.train", model.id(), null));
        }));
    }

    private Uni<ScoreModel> lookalike(TenantScope scope, long modelId, String actor) {
        long[] started = { System.nanoTime() };
        return transactions.report(scope, connection -> models.find(connection, modelId).chain(found -> {
            ScoreModelRepository.Stored stored = found.orElseThrow(() -> new NotFoundException("No such score model."));
            return target(connection, scope, stored.model()).chain(target -> features.extract(connection, target))
                    .map(table -> new Prepared(stored, table));
        }))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(prepared -> {
                    started[0] = lap("extract", started[0]);
                    LookalikeTrainer.Trained trained = LookalikeTrainer.of(config).train(prepared.table());
                    started[0] = lap("fit", started[0]);
                    Result result = scored(prepared, trained);
                    started[0] = lap("score", started[0]);
                    return result;
                })
                .chain(result -> transactions.inTenant(scope, connection -> scores.replace(connection, modelId, result.batches())
                        .chain(() -> models.trained(connection, modelId, result.trained().model().toJson(),
                                result.trained().quality(), null, config.retrainAfter()))
                        .call(model -> actor == null ? Uni.createFrom().voidItem()
                                : audit.record(connection, actor, "score_model.train", model.id(), null))))
                .invoke(() -> lap("write", started[0]));
    }

    private long lap(String name, long since) {
        long now = System.nanoTime();
        phase(name).record(java.time.Duration.ofNanos(now - since));
        return now;
    }

    private Uni<ContactFeatures.Target> target(SqlConnection connection, TenantScope scope, ScoreModel model) {
        List<String> stages = scope.tenant().stageKeys();
        if (model.targetStage() != null) {
            if (!stages.contains(model.targetStage())) {
                throw new BadUserInputException("targetStage", "the target stage is no longer one of this tenant's stages");
            }
            return Uni.createFrom().item(new ContactFeatures.Target(null, model.targetStage(),
                    ContactFeatures.stagesFrom(stages, model.targetStage())));
        }
        if (model.targetSegmentId() == null) {
            throw new BadUserInputException("targetSegmentId", "the model's target segment was deleted; save the model with a new target");
        }
        return segmentMembers.contactIds(connection, String.valueOf(model.targetSegmentId()), stages)
                .map(members -> new ContactFeatures.Target(members, null, java.util.Set.of()));
    }

    private record Result(LookalikeTrainer.Trained trained, List<ContactScoreRepository.Batch> batches) {
    }

    private Result scored(Prepared prepared, LookalikeTrainer.Trained trained) {
        FeatureTable table = prepared.table();
        LookalikeModel model = trained.model();
        int[] lookup = model.lookup(table.names());
        int size = config.writeBatch();
        List<ContactScoreRepository.Batch> batches = new ArrayList<>();
        List<FeatureTable.Row> rows = table.rows();
        for (int from = 0; from < rows.size(); from += size) {
            int n = Math.min(size, rows.size() - from);
            Long[] ids = new Long[n];
            Double[] values = new Double[n];
            String[] factors = new String[n];
            for (int i = 0; i < n; i++) {
                FeatureTable.Row row = rows.get(from + i);
                LookalikeModel.Scored score = model.score(row, table.names(), lookup, config.factors());
                ids[i] = row.contactId();
                values[i] = score.value();
                factors[i] = ContactScoreRepository.factorsJson(score.factors());
            }
            batches.add(new ContactScoreRepository.Batch(ids, values, factors));
        }
        return new Result(trained, batches);
    }
}
