package org.socialcrm.campaign;

import static org.socialcrm.campaign.TouchpointTable.CAMPAIGN_ID;
import static org.socialcrm.campaign.TouchpointTable.CONTACT_ID;
import static org.socialcrm.campaign.TouchpointTable.INFLUENCER_ID;
import static org.socialcrm.campaign.TouchpointTable.TABLE;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.Cursor;
import org.socialcrm.common.CursorKey;
import org.socialcrm.graphql.CompiledFields;
import org.socialcrm.graphql.CompiledSchema;
import org.socialcrm.graphql.ConnectionArguments;
import org.socialcrm.graphql.ConnectionShape;
import org.socialcrm.graphql.SelectionCompiler;
import org.socialcrm.graphql.SqlJson;
import org.socialcrm.graphql.TextValue;

import graphql.language.Field;

/**
 * Touchpoint in compiled reads: the touchpoint row ({@link TouchpointTable}) with its campaign, contact and
 * influencer, and the fields the campaign feature adds to others' types: {@code Contact.touchpoints} and
 * {@code SocialIdentity.touchpointCount}.
 */
@ApplicationScoped
public class TouchpointShape implements CompiledFields {

    private static final ConnectionShape TOUCHPOINTS = new ConnectionShape("TouchpointConnection", "TouchpointEdge",
            "Touchpoint", TouchpointRepository.CURSOR_KIND);

    @Override
    public void describe(CompiledSchema.Builder schema) {
        schema.type(TouchpointTable.TOUCHPOINT)
                .field("Touchpoint", "campaign", (field, row, compiler) -> compiler.byId("Campaign", field, CampaignTable.TABLE,
                        row + "." + CAMPAIGN_ID.name()))
                .field("Touchpoint", "contact", (field, row, compiler) -> compiler.byId("Contact", field, "contact",
                        row + "." + CONTACT_ID.name()))
                .field("Touchpoint", "influencer", (field, row, compiler) -> compiler.byId("SocialIdentity", field,
                        "social_identity", row + "." + INFLUENCER_ID.name()))
                .field("SocialIdentity", "touchpointCount", (field, row, compiler) -> TextValue.number("(select count(*) from " + TABLE
                        + " " + row + "t where " + row + "t." + INFLUENCER_ID.name() + " = " + row + ".id)::int"))
                .field("Contact", "touchpoints", TouchpointShape::touchpoints);
    }

    /** As {@code TouchpointRepository.pagesByContact}: latest first, keyset after the cursor, first + 1 rows. */
    private static TextValue touchpoints(Field field, String row, SelectionCompiler compiler) {
        Map<String, Object> arguments = compiler.arguments("Contact", field);
        int first = ConnectionArguments.first(arguments, 20);
        Cursor after = ConnectionArguments.after(arguments, TouchpointRepository.CURSOR_KIND, CursorKey.TIMESTAMP);
        SqlJson sql = compiler.sql();
        String t = sql.alias("t");
        String keyset = after == null ? ""
                : " and (" + t + ".occurred_at, " + t + ".id) < (" + sql.param(after.sortKey()) + "::text::timestamptz, "
                        + sql.param(after.id()) + "::bigint)";
        String page = "select " + t + ".*, " + t + ".occurred_at::text as sort_key from " + TABLE + " " + t + " where " + t
                + "." + CONTACT_ID.name() + " = " + row + ".id" + keyset + " order by " + TouchpointRepository.LATEST_FIRST
                + " limit " + (first + 1);
        String numbered = "select " + t + ".*, row_number() over (order by " + TouchpointRepository.LATEST_FIRST + ") as rn from ("
                + page + ") " + t;
        String count = "select count(*) from " + TABLE + " " + t + "c where " + t + "c." + CONTACT_ID.name() + " = " + row + ".id";
        return TOUCHPOINTS.compile(field, numbered, first, () -> count, compiler);
    }
}
