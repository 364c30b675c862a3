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

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Score models (docs/targeting.md, "Scores"): definitions, training, and the scores of contacts. */
@GraphQLApi
public class ScoringGraphQLApi {

    static final int MAX_NAME = 200;

    private final TenantRequests requests;
    private final TenantAccess access;
    private final ScoreModelRepository models;
    private final ContactScoreRepository scores;
    private final ScoreTraining training;
    private final SegmentRepository segments;

    public ScoringGraphQLApi(TenantRequests requests, TenantAccess access, ScoreModelRepository models,
            ContactScoreRepository scores, ScoreTraining training, SegmentRepository segments) {
        this.requests = requests;
        this.access = access;
        this.models = models;
        this.scores = scores;
        this.training = training;
        this.segments = segments;
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
            JsonArray rules = new JsonArray();
            if (input.kind() == ScoreModelKind.RULES) {
                throw new BadUserInputException("rules", "a RULES model needs at least one rule");
            }
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
