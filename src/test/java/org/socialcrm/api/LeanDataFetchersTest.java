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

    @Test
    void aBatchFieldSelectedUnderAliasesWithOtherArgumentsAnswersEachWithItsOwn() {
        String tenant = TestTenants.create("batchaliases");
        GraphQLClient admin = TestTenants.admin(tenant);
        List<String> ids = new ArrayList<>();
        for (String name : List.of("Ada", "Bo")) {
            String id = admin.ok("mutation($n: String!) { createContact(input: { firstName: $n }) { id } }", Map.of("n", name))
                    .getString("data.createContact.id");
            for (int i = 0; i < (name.equals("Ada") ? 3 : 2); i++) {
                admin.ok("mutation($c: ID!) { recordTouchpoint(input: { contactId: $c, channel: SOCIAL }) { id } }", Map.of("c", id));
            }
            ids.add(id);
        }
        // general path (a no-op directive), one parent and a page of parents: each alias gets its own page size
        String one = "query($id: ID!) { contact(id: $id) @include(if: true) { a: touchpoints(first: 1) { edges { node { id } } } "
                + "b: touchpoints(first: 5) { edges { node { id } } } c: touchpoints(first: 1) { edges { node { id } } } } }";
        JsonPath single = admin.ok(one, Map.of("id", ids.get(0)));
        assertEquals(1, single.getList("data.contact.a.edges").size());
        assertEquals(3, single.getList("data.contact.b.edges").size());
        assertEquals(single.getList("data.contact.a.edges.node.id"), single.getList("data.contact.c.edges.node.id"));
        JsonPath page = admin.ok("{ contacts(first: 10) @include(if: true) { edges { node { displayName "
                + "a: touchpoints(first: 1) { totalCount edges { node { id } } } b: touchpoints(first: 2) { edges { node { id } } } } } } }");
        for (Map<String, Object> node : page.getList("data.contacts.edges.node", Map.class).stream().map(n -> (Map<String, Object>) n).toList()) {
            assertEquals(1, ((List<?>) ((Map<String, Object>) node.get("a")).get("edges")).size(), node.toString());
            assertEquals(2, ((List<?>) ((Map<String, Object>) node.get("b")).get("edges")).size(), node.toString());
        }
    }

    private Object fetcher(String type, String field) {
        return schema.getCodeRegistry().getDataFetcher(FieldCoordinates.coordinates(type, field),
                schema.getObjectType(type).getFieldDefinition(field));
    }
}
