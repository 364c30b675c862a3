package org.socialcrm.api.compiled;

import java.util.Map;

import org.socialcrm.common.Channel;

import graphql.language.Field;

/** Touchpoint: the touchpoint row, its campaign, contact and influencer. */
final class TouchpointShape extends ColumnShape {

    static final TouchpointShape INSTANCE = new TouchpointShape();

    private TouchpointShape() {
        super("Touchpoint", Map.of(
                "id", SqlValues.id("id"),
                "channel", SqlValues.storedEnum("channel", Channel.values(), Channel.OTHER.name()),
                "influencerId", SqlValues.id("influencer_identity_id"),
                "occurredAt", SqlValues.dateTime("occurred_at"),
                "source", "%1$s.source"));
    }

    @Override
    String nested(Field field, String row, SelectionCompiler compiler) {
        return switch (field.getName()) {
            case "campaign" -> compiler.byId(CampaignShape.INSTANCE, field, "campaign", row + ".campaign_id");
            case "contact" -> compiler.byId(ContactShape.INSTANCE, field, "contact", row + ".contact_id");
            case "influencer" -> compiler.byId(SocialIdentityShape.INSTANCE, field, "social_identity", row + ".influencer_identity_id");
            default -> super.nested(field, row, compiler);
        };
    }
}
