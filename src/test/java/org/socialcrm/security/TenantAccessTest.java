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

@QuarkusTest
class TenantAccessTest {

    static final String LIST = "{ contacts { edges { node { id } } } }";

    @Test
    void forbiddenLooksTheSameWhetherTheTenantExistsOrNot() {
        GraphQLClient caller = GraphQLClient.as(Tokens.tenantUser("lumen-cosmetics", "crm-admin"));
        String existing = caller.tenant("acme-outdoor").post(LIST, Map.of()).then().statusCode(200).extract().asString();
        String missing = caller.tenant("no-such-tenant").post(LIST, Map.of()).then().statusCode(200).extract().asString();
        String invalid = caller.tenant("Not A Slug!").post(LIST, Map.of()).then().statusCode(200).extract().asString();
        assertEquals(existing, missing);
        assertEquals(existing, invalid);
        JsonPath json = JsonPath.from(existing);
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(json));
        assertNull(json.get("data"));
        assertEquals("You may not act on this tenant.", json.getString("errors[0].message"));
    }

    @Test
    void agencyAdminReachesEachClientOfItsAgencyAndNoOtherTenant() {
        String token = Tokens.user().agency("northwind").roles("agency-admin").sign();
        for (String client : List.of("acme-outdoor", "bluepeak-coffee")) {
            GraphQLClient.as(token).tenant(client).ok("mutation { createContact(input: { firstName: \"Agency\", lastName: \"Made\" }) { id } }");
            GraphQLClient.as(token).tenant(client).ok(LIST);
        }
        for (String other : List.of("lumen-cosmetics", "greenway-2026")) {
            assertEquals("FORBIDDEN", GraphQLClient.errorCode(GraphQLClient.as(token).tenant(other).run(LIST)));
        }
        List<String> visible = GraphQLClient.as(token).ok("{ tenants { slug kind agency { id } } }").getList("data.tenants.slug");
        assertEquals(List.of("acme-outdoor", "bluepeak-coffee"), visible.stream().filter(s -> !s.startsWith("northwind-")).toList());

        String otherAgency = Tokens.user().agency("someone-else").roles("agency-admin").sign();
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(GraphQLClient.as(otherAgency).tenant("acme-outdoor").run(LIST)));
    }

    @Test
    void rolesLimitWhatACallerMayDo() {
        GraphQLClient viewer = GraphQLClient.as(Tokens.tenantUser("acme-outdoor", "crm-viewer")).tenant("acme-outdoor");
        viewer.ok(LIST);
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(viewer.run("mutation { createContact(input: { firstName: \"No\" }) { id } }")));

        GraphQLClient platform = GraphQLClient.as(Tokens.user().roles("platform-admin").tenants("acme-outdoor").sign()).tenant("acme-outdoor");
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(platform.run(LIST)));

        GraphQLClient partner = GraphQLClient.as(Tokens.partner("acme-outdoor", "contacts:read")).tenant("acme-outdoor");
        partner.ok(LIST);
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(partner.run("mutation { createContact(input: { firstName: \"No\" }) { id } }")));
    }

    @Test
    void theTenantHeaderMayBeOmittedOnlyWithExactlyOneTenant() {
        GraphQLClient.as(Tokens.tenantUser("acme-outdoor", "crm-viewer")).ok(LIST);
        JsonPath several = GraphQLClient.as(Tokens.user().tenants("acme-outdoor", "lumen-cosmetics").roles("crm-viewer").sign()).run(LIST);
        assertEquals("TENANT_REQUIRED", GraphQLClient.errorCode(several));
        JsonPath agency = GraphQLClient.as(Tokens.user().agency("northwind").roles("agency-admin").sign()).run(LIST);
        assertEquals("TENANT_REQUIRED", GraphQLClient.errorCode(agency));
    }
}
