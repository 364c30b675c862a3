package org.socialcrm.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class SegmentGraphQLTest {

    static final String SAVE = "mutation($i: SegmentInput!) { saveSegment(input: $i) { id name filter size contacts(first: 200) { totalCount edges { node { id } } } } }";
    static final String CONTACTS = "query($f: ContactFilter) { contacts(first: 200, filter: $f) { totalCount edges { node { id } } } }";

    @Inject
    TenantFixtures fixtures;

    String tenant;
    GraphQLClient admin;

    @BeforeEach
    void tenant() {
        if (tenant == null) {
            tenant = fixtures.createIsolated("segments", null);
            admin = GraphQLClient.as(Tokens.tenantUser(tenant, "crm-admin")).tenant(tenant);
            for (int i = 0; i < 12; i++) {
                admin.ok("mutation($i: ContactInput!) { createContact(input: $i) { id } }", Map.of("i", Map.of(
                        "firstName", "Seg" + i, "tags", List.of(i % 3 == 0 ? "vip" : "std"),
                        "location", Map.of("country", i % 2 == 0 ? "FR" : "DE"), "lifecycleStage", i < 5 ? "lead" : "subscriber")));
            }
        }
    }

    @Test
    void aSegmentHoldsExactlyWhatTheSameFilterGives() {
        Map<String, Object> filter = Map.of("tagsAny", List.of("vip"), "country", "FR");
        JsonPath saved = admin.ok(SAVE, Map.of("i", Map.of("name", "FR vips", "filter", filter)));
        JsonPath direct = admin.ok(CONTACTS, Map.of("f", filter));
        int expected = direct.getInt("data.contacts.totalCount");
        assertEquals(2, expected); // Seg0 and Seg6
        assertEquals(expected, saved.getInt("data.saveSegment.size"));
        assertEquals(expected, saved.getInt("data.saveSegment.contacts.totalCount"));
        assertEquals(new HashSet<>(direct.getList("data.contacts.edges.node.id")),
                new HashSet<>(saved.getList("data.saveSegment.contacts.edges.node.id")));
        assertEquals("FR", saved.getString("data.saveSegment.filter.country"));

        String id = saved.getString("data.saveSegment.id");
        // segmentId in contacts, combined with further conditions
        JsonPath viaSegment = admin.ok(CONTACTS, Map.of("f", Map.of("segmentId", id)));
        assertEquals(expected, viaSegment.getInt("data.contacts.totalCount"));
        JsonPath narrowed = admin.ok(CONTACTS, Map.of("f", Map.of("segmentId", id, "stageIn", List.of("lead"))));
        assertEquals(1, narrowed.getInt("data.contacts.totalCount")); // Seg0 only

        // membership follows the data: a new matching contact joins
        admin.ok("mutation { createContact(input: { firstName: \"Late\", tags: [\"vip\"], location: { country: \"FR\" } }) { id } }");
        assertEquals(expected + 1, admin.ok("query($id: ID!) { segment(id: $id) { size } }", Map.of("id", id)).getInt("data.segment.size"));
    }

    @Test
    void updateListDeleteAndBadInput() {
        String id = admin.ok(SAVE, Map.of("i", Map.of("name", "Leads", "filter", Map.of("stageIn", List.of("lead")))))
                .getString("data.saveSegment.id");
        JsonPath renamed = admin.ok(SAVE, Map.of("i", Map.of("id", id, "name", "German leads",
                "filter", Map.of("stageIn", List.of("lead"), "country", "DE"))));
        assertEquals(id, renamed.getString("data.saveSegment.id"));
        assertEquals(2, renamed.getInt("data.saveSegment.size")); // Seg1, Seg3
        assertTrue(admin.ok("{ segments { name } }").getList("data.segments.name").contains("German leads"));

        JsonPath duplicate = admin.run(SAVE, Map.of("i", Map.of("name", "German leads", "filter", Map.of())));
        assertEquals("name", duplicate.getString("errors[0].extensions.field"));
        JsonPath badStage = admin.run(SAVE, Map.of("i", Map.of("name", "Bad", "filter", Map.of("stageIn", List.of("astronaut")))));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(badStage));
        assertEquals("filter.stageIn", badStage.getString("errors[0].extensions.field"));
        JsonPath missing = admin.run(CONTACTS, Map.of("f", Map.of("segmentId", "424242424")));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(missing));

        GraphQLClient viewer = GraphQLClient.as(Tokens.tenantUser(tenant, "crm-viewer")).tenant(tenant);
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(viewer.run("mutation($id: ID!) { deleteSegment(id: $id) }", Map.of("id", id))));
        assertTrue(admin.ok("mutation($id: ID!) { deleteSegment(id: $id) }", Map.of("id", id)).getBoolean("data.deleteSegment"));
        assertNull(admin.ok("query($id: ID!) { segment(id: $id) { id } }", Map.of("id", id)).get("data.segment"));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(admin.run("mutation($id: ID!) { deleteSegment(id: $id) }", Map.of("id", id))));
    }

    @Test
    void anotherTenantCannotReadOrUseTheseSegments() {
        String id = admin.ok(SAVE, Map.of("i", Map.of("name", "Private", "filter", Map.of()))).getString("data.saveSegment.id");
        GraphQLClient outsider = GraphQLClient.as(Tokens.tenantUser("lumen-cosmetics", "crm-admin"));
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(outsider.tenant(tenant).run("query($id: ID!) { segment(id: $id) { size } }", Map.of("id", id))));
        assertNull(outsider.tenant("lumen-cosmetics").ok("query($id: ID!) { segment(id: $id) { size } }", Map.of("id", id)).get("data.segment"));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(outsider.tenant("lumen-cosmetics").run(CONTACTS, Map.of("f", Map.of("segmentId", id)))));
    }
}
