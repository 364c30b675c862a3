package org.socialcrm.contact;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.socialcrm.common.ApiException;
import org.socialcrm.common.Cursor;
import org.socialcrm.common.Ids;
import org.socialcrm.graphql.ConnectionArguments;
import org.socialcrm.graphql.ConnectionShape;
import org.socialcrm.graphql.NotCompilable;
import org.socialcrm.graphql.SelectionCompiler;
import org.socialcrm.graphql.SqlJson;

import graphql.language.Field;

/**
 * The contact root fields of compiled reads: {@code contact} and {@code contacts}. Their filters and pages come from
 * the classes the general path uses ({@link ContactFilters}, {@link ContactQuery}), so both paths select the same rows.
 */
final class ContactRootFields {

    /** Filter fields that compile; {@code segmentId} (a stored query) and {@code updatedAfter} go the general way. */
    private static final Set<String> CONTACT_FILTER_FIELDS = Set.of("search", "stageIn", "networkIn", "minFollowers",
            "minInfluenceScore", "tagsAny", "country", "postalCode", "touchedByCampaign");

    private ContactRootFields() {
    }

    static String contact(Field field, String row, SelectionCompiler compiler) {
        Object id = compiler.arguments("Query", field).get("id");
        return compiler.byId("Contact", field, ContactTable.TABLE, compiler.sql().param(Ids.parse(String.valueOf(id), "id")));
    }

    static String contacts(Field field, String row, SelectionCompiler compiler) {
        Map<String, Object> arguments = compiler.arguments("Query", field);
        int first = ConnectionArguments.first(arguments, 50);
        Object orderBy = arguments.get("orderBy");
        ContactOrder order = orderBy == null ? ContactOrder.UPDATED_AT_DESC : ContactOrder.valueOf(orderBy.toString());
        ContactQuery query = new ContactQuery(order);
        ContactCriteria criteria = criteria(map(arguments.get("filter")));
        if (criteria != null && criteria.stageIn() != null) {
            List<String> stages = criteria.stageIn();
            compiler.sql().requireTenant(scope -> scope.tenant().stageKeys().containsAll(stages));
        }
        try {
            ContactFilters.apply(query, criteria, criteria == null || criteria.stageIn() == null ? List.of() : criteria.stageIn(), "filter.");
        } catch (ApiException e) {
            throw new NotCompilable("a filter the general path refuses");
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

    private static ContactCriteria criteria(Map<String, Object> filter) {
        if (filter == null) {
            return null;
        }
        for (Map.Entry<String, Object> entry : filter.entrySet()) {
            if (entry.getValue() != null && !CONTACT_FILTER_FIELDS.contains(entry.getKey())) {
                throw new NotCompilable("filter." + entry.getKey());
            }
        }
        return new ContactCriteria((String) filter.get("search"), strings(filter.get("stageIn")), strings(filter.get("networkIn")),
                ConnectionArguments.integer(filter.get("minFollowers")), ConnectionArguments.decimal(filter.get("minInfluenceScore")), strings(filter.get("tagsAny")),
                (String) filter.get("country"), (String) filter.get("postalCode"), null, (String) filter.get("touchedByCampaign"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static List<String> strings(Object value) {
        return value == null ? null : ((List<?>) value).stream().map(String::valueOf).toList();
    }
}
