package org.socialcrm.api.compiled;

import java.util.Map;

import org.socialcrm.campaign.TouchpointRepository;
import org.socialcrm.common.Cursor;
import org.socialcrm.common.CursorKey;
import org.socialcrm.identity.SocialIdentityRepository;
import org.socialcrm.lifecycle.LifecycleHistory;

import graphql.language.Field;

/** Contact: the contact row, its consent and location, and its identities, history and touchpoints. */
final class ContactShape extends ColumnShape {

    static final ContactShape INSTANCE = new ContactShape();

    private static final ColumnShape CONSENT = new ColumnShape("Consent", Map.of(
            "email", "%1$s.consent_email", "sms", "%1$s.consent_sms", "tracking", "%1$s.consent_tracking"));
    private static final ColumnShape LOCATION = new ColumnShape("Location", Map.of(
            "city", "%1$s.city", "region", "%1$s.region", "country", "%1$s.country", "postalCode", "%1$s.postal_code"));
    private static final ConnectionShape TOUCHPOINTS = new ConnectionShape("TouchpointConnection", "TouchpointEdge",
            TouchpointShape.INSTANCE, TouchpointRepository.CURSOR_KIND);

    private ContactShape() {
        super("Contact", Map.ofEntries(
                Map.entry("id", SqlValues.id("id")),
                Map.entry("displayName", "%1$s.display_name"),
                Map.entry("firstName", "%1$s.first_name"),
                Map.entry("lastName", "%1$s.last_name"),
                Map.entry("email", "%1$s.email"),
                Map.entry("phone", "%1$s.phone"),
                Map.entry("tags", SqlValues.textArray("tags")),
                Map.entry("attributes", "%1$s.attributes"),
                Map.entry("lifecycleStage", "%1$s.lifecycle_stage"),
                Map.entry("influenceScore", "%1$s.influence_score"),
                Map.entry("createdAt", SqlValues.dateTime("created_at")),
                Map.entry("updatedAt", SqlValues.dateTime("updated_at"))));
    }

    @Override
    String nested(Field field, String row, SelectionCompiler compiler) {
        return switch (field.getName()) {
            case "consent" -> compiler.object(CONSENT, field, row);
            case "location" -> "case when " + row + ".city is null and " + row + ".region is null and " + row + ".country is null and "
                    + row + ".postal_code is null then null else " + compiler.object(LOCATION, field, row) + " end";
            case "socialIdentities" -> {
                String s = compiler.sql().alias("s");
                yield compiler.list(SocialIdentityShape.INSTANCE, field, s,
                        "social_identity " + s + " where " + s + ".contact_id = " + row + ".id", SocialIdentityRepository.CONTACT_ORDER);
            }
            case "lifecycleHistory" -> {
                String l = compiler.sql().alias("l");
                yield compiler.list(LifecycleTransitionShape.INSTANCE, field, l,
                        "lifecycle_transition " + l + " where " + l + ".contact_id = " + row + ".id", LifecycleHistory.HISTORY_ORDER);
            }
            case "touchpoints" -> touchpoints(field, row, compiler);
            default -> super.nested(field, row, compiler);
        };
    }

    /** As {@code TouchpointRepository.pagesByContact}: latest first, keyset after the cursor, first + 1 rows. */
    private static String touchpoints(Field field, String row, SelectionCompiler compiler) {
        Map<String, Object> arguments = compiler.arguments("Contact", field);
        int first = ConnectionArguments.first(arguments, 20);
        Cursor after = ConnectionArguments.after(arguments, TouchpointRepository.CURSOR_KIND, CursorKey.TIMESTAMP);
        SqlJson sql = compiler.sql();
        String t = sql.alias("t");
        String keyset = after == null ? ""
                : " and (" + t + ".occurred_at, " + t + ".id) < (" + sql.param(after.sortKey()) + "::text::timestamptz, "
                        + sql.param(after.id()) + "::bigint)";
        String page = "select " + t + ".*, " + t + ".occurred_at::text as sort_key from touchpoint " + t + " where " + t
                + ".contact_id = " + row + ".id" + keyset + " order by " + TouchpointRepository.LATEST_FIRST + " limit " + (first + 1);
        String numbered = "select " + t + ".*, row_number() over (order by " + TouchpointRepository.LATEST_FIRST + ") as rn from ("
                + page + ") " + t;
        String count = "select count(*) from touchpoint " + t + "c where " + t + "c.contact_id = " + row + ".id";
        return TOUCHPOINTS.compile(field, numbered, first, () -> count, compiler);
    }
}
