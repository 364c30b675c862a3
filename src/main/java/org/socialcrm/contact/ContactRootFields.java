package org.socialcrm.contact;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.socialcrm.common.ApiException;
import org.socialcrm.common.Cursor;
import org.socialcrm.common.Ids;
import org.socialcrm.targeting.Condition;
import org.socialcrm.targeting.FilterCodec;
import org.socialcrm.targeting.FilterConditions;
import org.socialcrm.targeting.KnownStages;
import org.socialcrm.targeting.RuleCompiler;
import org.socialcrm.graphql.ConnectionArguments;
import org.socialcrm.graphql.ConnectionShape;
import org.socialcrm.graphql.NotCompilable;
import org.socialcrm.graphql.SelectionCompiler;
import org.socialcrm.graphql.SqlJson;
import org.socialcrm.graphql.TextValue;

import io.quarkus.arc.Arc;
import io.vertx.core.json.JsonObject;

import graphql.language.Field;

/**
 * The contact root fields of compiled reads: {@code contact} and {@code contacts}. Their filters and pages come from
 * the classes the general path uses ({@link FilterConditions}, {@link RuleCompiler}, {@link ContactQuery}), so both
 * paths select the same rows.
 */
final class ContactRootFields {

    /**
     * Filter fields that compile; {@code segmentId} (a stored query) and {@code updatedAfter} go the general way, and so
     * does a rule that names a saved segment or a custom field (both need the tenant's data to compile).
     */
    private static final Set<String> CONTACT_FILTER_FIELDS = Set.of("search", "stageIn", "networkIn", "minFollowers",
            "minInfluenceScore", "tagsAny", "country", "postalCode", "touchedByCampaign", "reachableBy", "rule");

    private ContactRootFields() {
    }

    static TextValue contact(Field field, String row, SelectionCompiler compiler) {
        Object id = compiler.arguments("Query", field).get("id");
        return compiler.byId("Contact", field, ContactTable.TABLE, compiler.sql().param(Ids.parse(String.valueOf(id), "id")));
    }

    static TextValue contacts(Field field, String row, SelectionCompiler compiler) {
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
        ConnectionShape contacts = new ConnectionShape("ContactConnection", "ContactEdge", "Contact", order.cursorKind());
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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
