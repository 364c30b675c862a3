package org.socialcrm.field;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.TestTenants;
import org.socialcrm.support.Tokens;

/**
 * A campaign tenant with 8 households of segment members (household A written three ways, so the normalised key
 * must join them), a neighbour at A who is not in the segment, a member without an address, and a segment "gotv".
 */
final class FieldFixture {

    static final List<String> STAGES = List.of("unaware", "aware", "supporter", "volunteer");

    final String slug;
    final GraphQLClient admin;
    final String segmentId;
    /** Contact ids by name. */
    final Map<String, String> ids = new LinkedHashMap<>();

    FieldFixture(TenantFixtures fixtures, String prefix) {
        slug = fixtures.createIsolated(prefix, STAGES);
        admin = TestTenants.admin(slug);
        List<String> rows = new ArrayList<>();
        // name, tags, line1, line2, postal, lat, lon
        add(rows, "a1", "gotv", "12 Main Street", null, "10115", 52.5200, 13.4050);
        add(rows, "a2", "gotv", "12, main st.", null, "10 115", 52.5200, 13.4050);
        add(rows, "a3", "gotv", "12 MAIN  STREET", null, "10115", null, null);
        add(rows, "neighbour", "other", "12 Main Street", null, "10115", 52.5200, 13.4050);
        add(rows, "b1", "gotv", "14 Main Street", null, "10115", 52.5202, 13.4055);
        add(rows, "b2", "gotv", "14 Main Street", null, "10115", 52.5202, 13.4055);
        add(rows, "c1", "gotv", "16 Main Street", null, "10115", 52.5204, 13.4060);
        add(rows, "d1", "gotv", "1 Oak Road", null, "10117", 52.5300, 13.4200);
        add(rows, "e1", "gotv", "3 Oak Road", null, "10117", 52.5302, 13.4205);
        add(rows, "f1", "gotv", "5 Oak Road", null, "10117", 52.5304, 13.4210);
        add(rows, "g1", "gotv", "7 Oak Road", "Apt 2", "10117", 52.5306, 13.4215);
        add(rows, "h1", "gotv", "2 Elm Lane", null, "10119", null, null);
        add(rows, "homeless", "gotv", null, null, "10119", null, null);
        fixtures.sql(slug, "insert into contact (display_name, first_name, lifecycle_stage, tags, address_line1, address_line2, postal_code, "
                + "country, latitude, longitude) values " + String.join(", ", rows));
        // INSERT ... SELECT from a tenant table through a CTE: Citus (docs/scale-out.md, rule 7)
        fixtures.sql(slug, "with c as (select id, display_name from contact) "
                + "insert into contact_external_id (contact_id, system, value) select id, 'voterfile', 'V-' || display_name from c");
        admin.ok("{ contacts(first: 50) { edges { node { id displayName } } } }").getList("data.contacts.edges.node", Map.class)
                .forEach(node -> ids.put((String) node.get("displayName"), (String) node.get("id")));
        segmentId = admin.ok("mutation { saveSegment(input: { name: \"gotv\", filter: { tagsAny: [\"gotv\"] } }) { id } }")
                .getString("data.saveSegment.id");
    }

    private static void add(List<String> rows, String name, String tag, String line1, String line2, String postal, Double lat, Double lon) {
        rows.add("('" + name + "', '" + name + "', 'unaware', '{" + tag + "}', " + text(line1) + ", " + text(line2) + ", " + text(postal)
                + ", 'DE', " + lat + ", " + lon + ")");
    }

    private static String text(String value) {
        return value == null ? "null" : "'" + value + "'";
    }

    String id(String name) {
        return ids.get(name);
    }

    /** A field worker of this tenant (crm-field only). */
    GraphQLClient fieldWorker(String subject) {
        return GraphQLClient.as(Tokens.user().subject(subject).tenants(slug).roles("crm-field").sign()).tenant(slug);
    }
}
