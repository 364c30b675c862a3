package org.socialcrm.scoring;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A score model of the tenant; its targetSegment is a batched field ({@link ScoringGraphQLApi}). */
@Type("ScoreModel")
public record ScoreModel(@Id @NonNull String id, @NonNull String name, @NonNull ScoreModelKind kind,
        @NonNull @Description("RULES: points per matching rule, capped to 0-100.") List<@NonNull ScoreRule> rules,
        @Ignore Long targetSegmentId,
        @Description("LOOKALIKE: contacts like those in this lifecycle stage score high.") String targetStage,
        OffsetDateTime trainedAt, ScoreModelQuality quality) {
}
