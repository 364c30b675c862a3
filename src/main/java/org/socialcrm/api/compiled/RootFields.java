package org.socialcrm.api.compiled;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.socialcrm.common.ApiException;
import org.socialcrm.common.Cursor;
import org.socialcrm.common.CursorKey;
import org.socialcrm.common.Ids;
import org.socialcrm.common.Network;
import org.socialcrm.contact.ContactOrder;
import org.socialcrm.contact.ContactQuery;
import org.socialcrm.identity.InfluencerFilter;
import org.socialcrm.identity.InfluencerTier;
import org.socialcrm.targeting.Condition;
import org.socialcrm.targeting.FilterCodec;
import org.socialcrm.targeting.FilterConditions;
import org.socialcrm.targeting.KnownStages;
import org.socialcrm.targeting.RuleCompiler;

import io.quarkus.arc.Arc;
import io.vertx.core.json.JsonObject;

import graphql.language.Field;

/**
 * The query fields that compile: {@code contact}, {@code contacts} and {@code influencers}. Their filters and pages
 * come from the same classes the general path uses ({@link FilterConditions}, {@link RuleCompiler}, {@link ContactQuery},
 * {@link InfluencerFilter}), so both paths select the same rows.
 */
final class RootFields {

    /**
     * Filter fields that compile; {@code segmentId} (a stored query) and {@code updatedAfter} go the general way, and so
     * does a rule that names a saved segment or a custom field (both need the tenant's data to compile).
     */
    private static final Set<String> CONTACT_FILTER_FIELDS = Set.of("search", "stageIn", "networkIn", "minFollowers",
            "minInfluenceScore", "tagsAny", "country", "postalCode", "touchedByCampaign", "reachableBy", "rule");
    private static final ConnectionShape INFLUENCERS = new ConnectionShape("InfluencerConnection", "InfluencerEdge",
            SocialIdentityShape.INSTANCE, null);

    private RootFields() {
    }

    static String compile(Field field, SelectionCompiler compiler) {
        return switch (field.getName()) {
            case "contact" -> contact(field, compiler);
            case "contacts" -> contacts(field, compiler);
            case "influencers" -> influencers(field, compiler);
            case "__typename" -> "to_json('Query'::text)";
            default -> throw new NotCompilable("Query." + field.getName());
        };
    }

    private static String contact(Field field, SelectionCompiler compiler) {
        Object id = compiler.arguments("Query", field).get("id");
        return compiler.byId(ContactShape.INSTANCE, field, "contact", compiler.sql().param(Ids.parse(String.valueOf(id), "id")));
    }

    private static String contacts(Field field, SelectionCompiler compiler) {
        Map<String, Object> arguments = compiler.arguments("Query", field);
        int first = ConnectionArguments.first(arguments, 50);
        Object orderBy = arguments.get("orderBy");
        ContactOrder order = orderBy == null ? ContactOrder.UPDATED_AT_DESC : ContactOrder.valueOf(orderBy.toString());
        ContactQuery query = new ContactQuery(order);
        KnownStages stages = KnownStages.deferred();
        query.where(condition(map(arguments.get("filter")), stages));
        if (!stages.named().isEmpty()) {
            Set<String> named = stages.named();
            compiler.sql().requireTenant(scope -> scope.tenant().stageKeys().containsAll(named));
        }
        Cursor after = ConnectionArguments.after(arguments, order.cursorKind(), order.cursorKey());
        ContactQuery.Statement page = query.page(after, first);
        ContactQuery.Statement count = query.count();
        SqlJson sql = compiler.sql();
        String numbered = "select c.*, row_number() over (order by " + query.orderByClause() + ") as rn from ("
                + sql.embed(page.sql(), page.params()) + ") c";
        ConnectionShape contacts = new ConnectionShape("ContactConnection", "ContactEdge", ContactShape.INSTANCE, order.cursorKind());
        return contacts.compile(field, numbered, first, () -> sql.embed(count.sql(), count.params()), compiler);
    }

    private static Condition condition(Map<String, Object> filter, KnownStages stages) {
        if (filter == null) {
            return Condition.TRUE;
        }
        for (Map.Entry<String, Object> entry : filter.entrySet()) {
            if (entry.getValue() != null && !CONTACT_FILTER_FIELDS.contains(entry.getKey())) {
                throw new NotCompilable("filter." + entry.getKey());
            }
        }
        try {
            JsonObject json = FilterCodec.fromArguments(filter);
            Condition fields = FilterConditions.of(FilterCodec.decode(json), stages, "filter.");
            JsonObject rule = json.getJsonObject("rule");
            if (rule == null) {
                return fields;
            }
            return Condition.and(List.of(fields, Arc.container().instance(RuleCompiler.class).get()
                    .withoutTenantData(rule, stages, "filter.rule")
                    .orElseThrow(() -> new NotCompilable("a rule that names a saved segment or a custom field"))));
        } catch (ApiException | IllegalArgumentException | ClassCastException e) {
            throw new NotCompilable("a filter the general path refuses");
        }
    }

    private static String influencers(Field field, SelectionCompiler compiler) {
        Map<String, Object> arguments = compiler.arguments("Query", field);
        int first = ConnectionArguments.first(arguments, 20);
        Cursor after = ConnectionArguments.after(arguments, InfluencerFilter.CURSOR_KIND, CursorKey.NUMBER);
        if (after != null) {
            try {
                Double.parseDouble(after.sortKey());
            } catch (NumberFormatException e) {
                throw new NotCompilable("a malformed cursor");
            }
        }
        InfluencerFilter filter;
        try {
            filter = new InfluencerFilter(constant(Network.class, arguments.get("network")), ConnectionArguments.decimal(arguments.get("minScore")),
                    (String) arguments.get("topic"), constant(InfluencerTier.class, arguments.get("tier")));
        } catch (ApiException e) {
            throw new NotCompilable("a filter the general path refuses");
        }
        InfluencerFilter.Statement page = filter.page(after, first);
        InfluencerFilter.Statement count = filter.count();
        SqlJson sql = compiler.sql();
        String numbered = "select s.*, row_number() over (order by s.sort_key desc, s.id desc) as rn from ("
                + sql.embed(page.sql(), page.params()) + ") s";
        return INFLUENCERS.compile(field, numbered, first, () -> sql.embed(count.sql(), count.params()), compiler);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static <E extends Enum<E>> E constant(Class<E> type, Object value) {
        return value == null ? null : Enum.valueOf(type, String.valueOf(value));
    }
}
