package org.socialcrm.scoring;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.Ids;
import org.socialcrm.common.SafeFailures;
import org.socialcrm.contact.Contact;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantAccess;
import org.socialcrm.security.TenantRequests;
import org.socialcrm.segment.Segment;
import org.socialcrm.segment.SegmentRepository;
import org.socialcrm.targeting.RuleCodec;
import org.socialcrm.targeting.RuleCompiler;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Score models (docs/targeting.md, "Scores"): definitions, training, and the scores of contacts. */
@GraphQLApi
public class ScoringGraphQLApi {

    static final int MAX_NAME = 200;
    static final int MAX_RULES = 50;

    private final TenantRequests requests;
    private final TenantAccess access;
    private final ScoreModelRepository models;
    private final ContactScoreRepository scores;
    private final ScoreTraining training;
    private final SegmentRepository segments;
    private final RuleCompiler ruleCompiler;

    public ScoringGraphQLApi(TenantRequests requests, TenantAccess access, ScoreModelRepository models,
            ContactScoreRepository scores, ScoreTraining training, SegmentRepository segments, RuleCompiler ruleCompiler) {
        this.requests = requests;
        this.access = access;
        this.models = models;
        this.scores = scores;
        this.training = training;
        this.segments = segments;
        this.ruleCompiler = ruleCompiler;
    }

    @Query("scoreModels")
    public Uni<@NonNull List<@NonNull ScoreModel>> scoreModels() {
        return requests.run(Permission.READ, models::list);
    }

    @Mutation("saveScoreModel")
    @Description("Creates a model, or (with id) replaces its definition; a changed model's scores are dropped until it is trained again.")
    public Uni<@NonNull ScoreModel> saveScoreModel(@NonNull @Name("input") ScoreModelInput input) {
        return requests.mutate(Permission.MANAGE_SEGMENTS, "score_model.save", (scope, connection) -> {
            String name = input.name() == null ? "" : input.name().trim();
            if (name.isEmpty() || name.length() > MAX_NAME) {
                throw new BadUserInputException("name", "is required, at most " + MAX_NAME + " characters");
            }
            Long id = input.id() == null ? null : Ids.require(input.id(), "id");
            if (input.kind() == ScoreModelKind.RULES) {
                return rules(connection, scope.tenant().stageKeys(), input)
                        .chain(rules -> models.save(connection, id, name, input.kind(), rules, null, null));
            }
            if (input.rules() != null && !input.rules().isEmpty()) {
                throw new BadUserInputException("rules", "a LOOKALIKE model has no rules");
            }
            JsonArray rules = new JsonArray();
            boolean bySegment = input.targetSegmentId() != null;
            boolean byStage = input.targetStage() != null;
            if (bySegment == byStage) {
                throw new BadUserInputException("targetSegmentId", "a LOOKALIKE model needs exactly one of targetSegmentId and targetStage");
            }
            if (byStage && !scope.tenant().stageKeys().contains(input.targetStage())) {
                throw new BadUserInputException("targetStage", "unknown stage; this tenant's stages are " + scope.tenant().stageKeys());
            }
            Long segment = bySegment ? Ids.require(input.targetSegmentId(), "targetSegmentId") : null;
            return segmentExists(connection, segment).chain(() -> models.save(connection, id, name, input.kind(), rules, segment,
                    input.targetStage()));
        }, ScoreModel::id);
    }

    @Mutation("trainScoreModel")
    @Description("Rule models recompute at once; LOOKALIKE models train on the tenant's own data, then score every contact.")
    public Uni<@NonNull ScoreModel> trainScoreModel(@Id @NonNull @Name("id") String id) {
        return SafeFailures.guard(access.resolve(Permission.MANAGE_SEGMENTS)
                .chain(scope -> training.train(scope, Ids.require(id, "id"), access.caller().subject())));
    }

    @NonNull
    @Description("The contact's scores, one per model that scored it.")
    public Uni<List<List<@NonNull ContactScore>>> scores(@Source List<Contact> parents) {
        List<Long> ids = parents.stream().map(c -> Ids.parse(c.id())).toList();
        return requests.run(Permission.READ, connection -> scores.byContacts(connection, ids)
                .map(found -> ids.stream().map(id -> found.getOrDefault(id, List.of())).toList()));
    }

    @Description("LOOKALIKE: contacts like those in this segment score high.")
    public Uni<List<Segment>> targetSegment(@Source List<ScoreModel> page) {
        List<Long> ids = page.stream().map(ScoreModel::targetSegmentId).toList();
        List<Long> wanted = ids.stream().filter(Objects::nonNull).distinct().toList();
        if (wanted.isEmpty()) {
            return Uni.createFrom().item(ids.stream().map(id -> (Segment) null).toList());
        }
        return requests.run(Permission.READ, connection -> segments.byIds(connection, wanted).map(found -> {
            Map<Long, Segment> byId = new HashMap<>();
            found.forEach(s -> byId.put(Long.parseLong(s.id()), s));
            return ids.stream().map(id -> id == null ? null : byId.get(id)).toList();
        }));
    }

    /** A RULES model's rules, each checked the way its recomputation compiles it, in the form they are stored. */
    private Uni<JsonArray> rules(SqlConnection connection, List<String> stages, ScoreModelInput input) {
        if (input.rules() == null || input.rules().isEmpty()) {
            throw new BadUserInputException("rules", "a RULES model needs at least one rule");
        }
        if (input.targetSegmentId() != null || input.targetStage() != null) {
            throw new BadUserInputException("targetSegmentId", "a RULES model has no target");
        }
        if (input.rules().size() > MAX_RULES) {
            throw new BadUserInputException("rules", "at most " + MAX_RULES + " rules");
        }
        JsonArray stored = new JsonArray();
        List<Uni<?>> checks = new java.util.ArrayList<>();
        for (int i = 0; i < input.rules().size(); i++) {
            ScoreRuleInput rule = input.rules().get(i);
            String path = "rules[" + i + "]";
            if (rule.rule() == null) {
                throw new BadUserInputException(path + ".rule", "is required");
            }
            if (!Double.isFinite(rule.points()) || Math.abs(rule.points()) > 100) {
                throw new BadUserInputException(path + ".points", "must be between -100 and 100");
            }
            stored.add(new JsonObject().put("rule", RuleCodec.encode(rule.rule())).put("points", rule.points()));
            checks.add(Uni.createFrom().deferred(() -> ruleCompiler.compile(connection, stages, rule.rule(), path + ".rule")));
        }
        return io.smallrye.mutiny.Multi.createFrom().iterable(checks).onItem().transformToUniAndConcatenate(u -> u)
                .collect().last().replaceWith(stored);
    }

    private static Uni<Void> segmentExists(SqlConnection connection, Long segment) {
        if (segment == null) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("select 1 from segment where id = $1").execute(Tuple.of(segment)).invoke(rows -> {
            if (rows.size() == 0) {
                throw new BadUserInputException("targetSegmentId", "no such segment");
            }
        }).replaceWithVoid();
    }
}
