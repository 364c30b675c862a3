package org.socialcrm.api.compiled;

import java.util.Map;

import graphql.language.Field;

/** SocialIdentity: the identity row with its latest metric snapshot, its contact, and the touchpoints it made. */
final class SocialIdentityShape extends ColumnShape {

    static final SocialIdentityShape INSTANCE = new SocialIdentityShape();

    private SocialIdentityShape() {
        super("SocialIdentity", Map.ofEntries(
                Map.entry("id", SqlValues.id("id")),
                Map.entry("network", "%1$s.network"),
                Map.entry("handle", "%1$s.handle"),
                Map.entry("externalId", "%1$s.external_id"),
                Map.entry("profileUrl", "%1$s.profile_url"),
                Map.entry("verified", "%1$s.verified"),
                Map.entry("isInfluencer", "%1$s.is_influencer"),
                Map.entry("topics", SqlValues.textArray("topics")),
                Map.entry("followers", SqlValues.int32("followers")),
                Map.entry("following", SqlValues.int32("following")),
                Map.entry("posts", SqlValues.int32("posts")),
                Map.entry("engagementRate", "%1$s.engagement_rate"),
                Map.entry("influenceScore", "%1$s.influence_score"),
                Map.entry("lastSyncedAt", SqlValues.dateTime("last_synced_at"))));
    }

    @Override
    String nested(Field field, String row, SelectionCompiler compiler) {
        return switch (field.getName()) {
            case "contact" -> compiler.byId(ContactShape.INSTANCE, field, "contact", row + ".contact_id");
            case "touchpointCount" -> "(select count(*) from touchpoint " + row + "t where " + row + "t.influencer_identity_id = "
                    + row + ".id)::int";
            default -> super.nested(field, row, compiler);
        };
    }
}
