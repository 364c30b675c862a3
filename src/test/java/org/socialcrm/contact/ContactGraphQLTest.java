package org.socialcrm.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ContactGraphQLTest {

    static final String CREATE = """
            mutation($input: ContactInput!) { createContact(input: $input) {
              id displayName firstName email tags attributes lifecycleStage consent { email sms tracking }
              location { city country } createdAt updatedAt } }""";

    final GraphQLClient admin = GraphQLClient.as(Tokens.tenantUser("lumen-cosmetics", "crm-admin")).tenant("lumen-cosmetics");

    @Test
    void createsReadsAndListsAContact() {
        JsonPath created = admin.ok(CREATE, Map.of("input", Map.of("firstName", "Maya", "lastName", "Lopez",
                "email", "maya.round-trip@example.com", "tags", List.of("vip", "beta"),
                "attributes", Map.of("source", "webinar", "score", 7),
                "location", Map.of("city", "Lyon", "country", "FR"), "consent", Map.of("email", true))));
        String id = created.getString("data.createContact.id");
        assertEquals("Maya Lopez", created.getString("data.createContact.displayName"));
        assertEquals("subscriber", created.getString("data.createContact.lifecycleStage"));
        assertEquals("webinar", created.getString("data.createContact.attributes.source"));
        assertEquals(7, created.getInt("data.createContact.attributes.score"));
        assertTrue(created.getBoolean("data.createContact.consent.email"));

        JsonPath read = admin.ok("query($id: ID!) { contact(id: $id) { id email tags location { city } } }", Map.of("id", id));
        assertEquals("maya.round-trip@example.com", read.getString("data.contact.email"));
        assertEquals(List.of("vip", "beta"), read.getList("data.contact.tags"));

        JsonPath list = admin.ok("{ contacts(first: 200) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }");
        assertTrue(list.getList("data.contacts.edges.node.id").contains(id));
        assertTrue(list.getInt("data.contacts.totalCount") >= 1);
    }

    @Test
    void unknownContactIsNull() {
        assertNull(admin.ok("{ contact(id: \"999999999\") { id } }").get("data.contact"));
        assertNull(admin.ok("{ contact(id: \"not-an-id\") { id } }").get("data.contact"));
    }
}
