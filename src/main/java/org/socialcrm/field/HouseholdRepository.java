package org.socialcrm.field;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.Cursor;
import org.socialcrm.common.PageInfo;
import org.socialcrm.contact.Address;
import org.socialcrm.contact.Contact;
import org.socialcrm.contact.ContactQuery;
import org.socialcrm.contact.ContactRepository;
import org.socialcrm.contact.ContactVisibility;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Households are groups of contacts by household_key: read with one grouped statement per page or batch. */
@ApplicationScoped
public class HouseholdRepository {

    static final String CURSOR_KIND = "household";

    /** A household's columns from its members (alias {@code c}), grouped by key. */
    static final String COLUMNS = "c.household_key, (array_agg(c.address_line1 order by c.id))[1] as line1, "
            + "(array_agg(c.address_line2 order by c.id))[1] as line2, (array_agg(c.city order by c.id))[1] as city, "
            + "(array_agg(c.region order by c.id))[1] as region, (array_agg(c.postal_code order by c.id))[1] as postal_code, "
            + "(array_agg(c.country order by c.id))[1] as country, avg(c.latitude) as latitude, avg(c.longitude) as longitude";
    /** The same postal code whatever its spacing or case. */
    static final String POSTAL_NORM = "lower(regexp_replace(%s, '[^[:alnum:]]', '', 'g'))";

    private final ContactRepository contacts;
    private final ContactVisibility visibility;

    public HouseholdRepository(ContactRepository contacts, ContactVisibility visibility) {
        this.contacts = contacts;
        this.visibility = visibility;
    }

    public Uni<HouseholdConnection> page(SqlConnection connection, String postalCode, Cursor after, int first) {
        List<Object> values = new ArrayList<>();
        StringBuilder where = new StringBuilder("c.household_key is not null");
        if (postalCode != null) {
            values.add(postalCode);
            where.append(" and ").append(POSTAL_NORM.formatted("c.postal_code")).append(" = ")
                    .append(POSTAL_NORM.formatted("$" + values.size()));
        }
        if (after != null) {
            values.add(after.sortKey());
            where.append(" and c.household_key > $").append(values.size());
        }
        values.add(first + 1);
        String sql = "select " + COLUMNS + " from contact c where " + where + " group by c.household_key order by c.household_key limit $"
                + values.size();
        return connection.preparedQuery(sql).execute(Tuple.from(values)).map(rows -> {
            List<HouseholdEdge> edges = new ArrayList<>();
            boolean more = false;
            for (Row row : rows) {
                if (edges.size() == first) {
                    more = true;
                    break;
                }
                Household household = toHousehold(row);
                edges.add(new HouseholdEdge(new Cursor(CURSOR_KIND, household.id(), 0).encode(), household));
            }
            return new HouseholdConnection(edges, new PageInfo(more, edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()),
                    postalCode);
        });
    }

    public Uni<Integer> count(SqlConnection connection, String postalCode) {
        String sql = "select count(distinct c.household_key) from contact c where c.household_key is not null"
                + (postalCode == null ? "" : " and " + POSTAL_NORM.formatted("c.postal_code") + " = " + POSTAL_NORM.formatted("$1"));
        return connection.preparedQuery(sql).execute(postalCode == null ? Tuple.tuple() : Tuple.of(postalCode))
                .map(rows -> rows.iterator().next().getLong(0).intValue());
    }

    /** The household of each contact, in the order of {@code contactIds} (null where a contact has no address). */
    public Uni<List<Household>> ofContacts(SqlConnection connection, List<Long> contactIds) {
        return connection.preparedQuery("with k as (select id, household_key from contact where id = any($1) and household_key is not null) "
                + "select k.id as contact_id, h.* from k join (select " + COLUMNS + " from contact c "
                + "where c.household_key in (select household_key from k) group by c.household_key) h using (household_key)")
                .execute(Tuple.of(contactIds.toArray(Long[]::new))).map(rows -> {
                    Map<Long, Household> byContact = new HashMap<>();
                    rows.forEach(row -> byContact.put(row.getLong("contact_id"), toHousehold(row)));
                    return contactIds.stream().map(byContact::get).toList();
                });
    }

    /** The members of each household the caller may see ({@link ContactVisibility}), in the order of {@code keys}. */
    public Uni<List<List<Contact>>> members(SqlConnection connection, List<String> keys) {
        ContactQuery query = visibility.restrict(new ContactQuery(null).where("c.household_key = any(?)", (Object) keys.toArray(String[]::new)));
        return contacts.listKeyed(connection, query, "c.household_key").map(found -> {
            Map<String, List<Contact>> byKey = new HashMap<>();
            found.stream().sorted((a, b) -> a.getValue().id().length() != b.getValue().id().length()
                    ? Integer.compare(a.getValue().id().length(), b.getValue().id().length()) : a.getValue().id().compareTo(b.getValue().id()))
                    .forEach(entry -> byKey.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(entry.getValue()));
            return keys.stream().map(key -> byKey.getOrDefault(key, List.of())).toList();
        });
    }

    static Household toHousehold(Row row) {
        return new Household(row.getString("household_key"), new Address(row.getString("line1"), row.getString("line2"),
                row.getString("city"), row.getString("region"), row.getString("postal_code"), row.getString("country"),
                number(row, "latitude"), number(row, "longitude")));
    }

    private static Double number(Row row, String column) {
        Object value = row.getValue(column);
        return value == null ? null : ((Number) value).doubleValue();
    }
}
