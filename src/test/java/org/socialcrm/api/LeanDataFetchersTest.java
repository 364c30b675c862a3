package org.socialcrm.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TestTenants;
import org.socialcrm.support.Tokens;

import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.smallrye.graphql.execution.datafetcher.BatchDataFetcher;
import io.quarkus.smallrye.graphql.runtime.spi.datafetcher.QuarkusUniDataFetcher;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Record properties, batch fields and operations use the lean fetchers, and answer what SmallRye's own answered. */
@QuarkusTest
class LeanDataFetchersTest {

    @Inject
    GraphQLSchema schema;

    @Test
    void propertiesBatchFieldsAndOperationsUseTheLeanFetchers() {
        for (String field : List.of("displayName", "updatedAt", "tags", "consent", "attributes")) {
            assertInstanceOf(PlainFieldDataFetcher.class, fetcher("Contact", field), field);
        }
        assertInstanceOf(PlainFieldDataFetcher.class, fetcher("SocialIdentity", "followers"));
        assertInstanceOf(LeanBatchDataFetcher.class, fetcher("Contact", "socialIdentities"));
        assertInstanceOf(LeanBatchDataFetcher.class, fetcher("SocialIdentity", "contact"));
        assertInstanceOf(LeanBatchDataFetcher.class, fetcher("Touchpoint", "influencer"), "a batch field with its own @Name");
        assertInstanceOf(QuarkusUniDataFetcher.class, fetcher("Query", "contacts"));
        assertInstanceOf(LeanBatchDataFetcher.class, fetcher("Contact", "touchpoints"), "a batch field with arguments");

        List<String> leftOnSmallRye = new ArrayList<>();
        for (GraphQLNamedType named : schema.getAllTypesAsList()) {
            if (named instanceof GraphQLObjectType type) {
                type.getFieldDefinitions().stream()
                        .filter(field -> fetcher(type.getName(), field.getName()) instanceof BatchDataFetcher)
                        .forEach(field -> leftOnSmallRye.add(type.getName() + "." + field.getName()));
            }
        }
        assertEquals(List.of(), leftOnSmallRye, "every batch field is served by the lean batch fetcher");
    }

    @Test
    void answersDatesListsJsonAndNestedObjectsAsBefore() {
        String tenant = TestTenants.create("plainfields");
        GraphQLClient admin = TestTenants.admin(tenant);
        OffsetDateTime before = OffsetDateTime.now().minusSeconds(5);
        String id = admin.ok("""
                mutation { createContact(input: { firstName: "Ada", lastName: "Byron", tags: ["vip", "beta"],
                  attributes: { source: "webinar", score: 7 }, consent: { email: true } }) { id } }""")
                .getString("data.createContact.id");
        JsonPath read = admin.ok("""
                query($id: ID!) { contact(id: $id) { id displayName firstName lastName email tags attributes
                  consent { email sms } location { city } lifecycleStage influenceScore createdAt updatedAt } }""",
                Map.of("id", id));
        assertEquals(id, read.getString("data.contact.id"));
        assertEquals("Ada Byron", read.getString("data.contact.displayName"));
        assertNull(read.get("data.contact.email"));
        assertNull(read.get("data.contact.location"));
        assertNull(read.get("data.contact.influenceScore"));
        assertEquals(List.of("vip", "beta"), read.getList("data.contact.tags"));
        assertEquals("webinar", read.getString("data.contact.attributes.source"));
        assertEquals(7, read.getInt("data.contact.attributes.score"));
        assertEquals(true, read.getBoolean("data.contact.consent.email"));
        String updatedAt = read.getString("data.contact.updatedAt");
        // ISO-8601 with an offset, as SmallRye's DateTime transformation writes it
        assertTrue(updatedAt.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})"), updatedAt);
        assertTrue(OffsetDateTime.parse(updatedAt).isAfter(before));
        assertEquals(read.getString("data.contact.createdAt"), updatedAt);

        String other = TestTenants.create("plainfields-other");
        assertNull(TestTenants.admin(other).ok("query($id: ID!) { contact(id: $id) { id } }", Map.of("id", id))
                .get("data.contact"), "another tenant's schema has no such contact");
        JsonPath crossing = GraphQLClient.as(Tokens.tenantUser(other, "crm-admin")).tenant(tenant)
                .run("query($id: ID!) { contact(id: $id) { displayName } }", Map.of("id", id));
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(crossing));
        assertNull(crossing.get("data.contact"));
    }

    private Object fetcher(String type, String field) {
        return schema.getCodeRegistry().getDataFetcher(FieldCoordinates.coordinates(type, field),
                schema.getObjectType(type).getFieldDefinition(field));
    }
}
