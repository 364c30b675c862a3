package org.socialcrm.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * crm-field is a tenant role whose permissions (turf contacts, recordCanvass) come with the field-work feature; until
 * then it is refused everything but {@code me}, also when its token carries partner scopes (a user with a role is
 * never a partner).
 */
@QuarkusTest
class CrmFieldConfinementTest {

    static final String TENANT = "greenway-2026";

    @Test
    void aFieldWorkerReadsAndWritesNothingYet() {
        String token = Tokens.user().tenants(TENANT).roles("crm-field")
                .scope("contacts:read contacts:write campaigns:write metrics:write").sign();
        GraphQLClient field = GraphQLClient.as(token).tenant(TENANT);

        JsonPath me = field.ok("{ me { roles tenants { slug } } }");
        assertEquals(List.of("crm-field"), me.getList("data.me.roles"));
        assertEquals(List.of(TENANT), me.getList("data.me.tenants.slug"));

        for (String operation : List.of(
                "{ contacts { edges { node { id } } } }",
                "{ campaigns { edges { node { id } } } }",
                "{ segments { id } }",
                "{ influencers { edges { node { id } } } }",
                "{ funnel { stages { stage } } }",
                "mutation { createContact(input: { firstName: \"Field\" }) { id } }",
                "mutation { createCampaign(input: { name: \"Field\" }) { id } }",
                "mutation { saveSegment(input: { name: \"Field\", filter: { search: \"x\" } }) { id } }")) {
            JsonPath refused = field.run(operation);
            assertEquals("FORBIDDEN", GraphQLClient.errorCode(refused), operation + ": " + refused.prettify());
            assertNull(refused.get("data." + operation.replaceAll("^(mutation )?\\{ (\\w+).*", "$2")), operation);
        }
        // another tenant is refused as for any caller
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(GraphQLClient.as(token).tenant("lumen-cosmetics")
                .run("{ contacts { edges { node { id } } } }", Map.of())));
    }
}
