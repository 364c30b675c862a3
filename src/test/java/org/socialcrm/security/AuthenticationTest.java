package org.socialcrm.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.OidcTestServer;
import org.socialcrm.support.TestKeys;
import org.socialcrm.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;

/** Tokens are validated for real against the test OIDC server: signature (JWKS), issuer, audience, expiry. */
@QuarkusTest
public class AuthenticationTest {

    static final String TENANT = "lumen-cosmetics";
    static final String CREATE = "mutation($e: String!) { createContact(input: { firstName: \"Probe\", email: $e }) { id } }";

    @Test
    void badTokensGet401AndNothingIsExecuted() {
        Map<String, String> badTokens = Map.of(
                "expired", Tokens.user().tenants(TENANT).roles("crm-admin").expiresAt(Instant.now().minusSeconds(600)).sign(),
                "wrong signature", Tokens.user().tenants(TENANT).roles("crm-admin").signedWith(TestKeys.privateKey(OidcTestServer.ROGUE), OidcTestServer.PLATFORM).sign(),
                "wrong issuer", Tokens.user().tenants(TENANT).roles("crm-admin").realm(OidcTestServer.ROGUE).sign(),
                "wrong audience", Tokens.user().tenants(TENANT).roles("crm-admin").audience("someone-else").sign(),
                "garbage", "not-a-jwt");
        badTokens.forEach((what, token) -> {
            String email = "probe-" + what.replace(' ', '-') + "@example.com";
            GraphQLClient.as(token).tenant(TENANT).post(CREATE, Map.of("e", email)).then().statusCode(401);
            assertEquals(0, countByEmail(email), what + " must not have executed");
        });
        String email = "probe-anonymous@example.com";
        GraphQLClient.anonymous().tenant(TENANT).post(CREATE, Map.of("e", email)).then().statusCode(401);
        assertEquals(0, countByEmail(email));

        // the same mutation with a good token does run: the probe above could have seen a write
        GraphQLClient.as(Tokens.tenantUser(TENANT, "crm-admin")).tenant(TENANT).ok(CREATE, Map.of("e", "probe-good@example.com"));
        assertEquals(1, countByEmail("probe-good@example.com"));
    }

    @Test
    void schemaStaysOpenButDataDoesNot() {
        given().when().get("/graphql/schema.graphql").then().statusCode(200);
        GraphQLClient.anonymous().post("{ me { subject } }", Map.of()).then().statusCode(401);
    }

    @Test
    void aTenantsOwnIssuerIsAcceptedForThatTenantOnly() {
        GraphQLClient.as(Tokens.user().roles("platform-admin").sign()).ok(
                "mutation($i: CreateTenantInput!) { createTenant(input: $i) { slug } }",
                Map.of("i", Map.of("slug", "own-idp-brand", "name", "Own IdP", "kind", "BRAND",
                        "oidcIssuer", Tokens.issuerOf(OidcTestServer.TENANT_IDP))));
        // no tenants claim: being issued by the tenant's own provider is what grants the tenant
        String ownToken = Tokens.user().realm(OidcTestServer.TENANT_IDP).roles("crm-admin").sign();

        GraphQLClient.as(ownToken).tenant("own-idp-brand").ok(CREATE, Map.of("e", "own-idp@example.com"));
        assertEquals(List.of("own-idp-brand"),
                GraphQLClient.as(ownToken).tenant("own-idp-brand").ok("{ me { tenants { slug } } }").getList("data.me.tenants.slug"));

        GraphQLClient.as(ownToken).tenant(TENANT).post("{ contacts { edges { node { id } } } }", Map.of()).then().statusCode(401);
        // good for exactly one tenant, the token may leave the tenant header out
        assertEquals(List.of("own-idp-brand"), GraphQLClient.as(ownToken).ok("{ me { tenants { slug } } }").getList("data.me.tenants.slug"));
        // and the platform issuer cannot impersonate the tenant's issuer with the tenant's key id
        String forged = Tokens.user().realm(OidcTestServer.TENANT_IDP).roles("crm-admin")
                .signedWith(TestKeys.privateKey(OidcTestServer.ROGUE), OidcTestServer.TENANT_IDP).sign();
        GraphQLClient.as(forged).tenant("own-idp-brand").post(CREATE, Map.of("e", "forged@example.com")).then().statusCode(401);
    }

    @Test
    void theDevSigningKeyIsRefusedOutsideDevMode() {
        String devToken = Tokens.user().issuer("urn:socialcrm:dev").tenants(TENANT).roles("crm-admin")
                .signedWith(TestKeys.devKey(), "dev").sign();
        GraphQLClient.as(devToken).tenant(TENANT).post("{ me { subject } }", Map.of()).then().statusCode(401);
        String devKeyPlatformIssuer = Tokens.user().tenants(TENANT).roles("crm-admin").signedWith(TestKeys.devKey(), "dev").sign();
        GraphQLClient.as(devKeyPlatformIssuer).tenant(TENANT).post("{ me { subject } }", Map.of()).then().statusCode(401);
        given().when().get("/dev/token?persona=brand-admin").then().statusCode(404);
        given().header("Authorization", "Bearer " + Tokens.tenantUser(TENANT, "crm-admin"))
                .when().get("/dev/token?persona=brand-admin").then().statusCode(404);
    }

    @Test
    void meDescribesTheCaller() {
        String token = Tokens.user().subject("ada").agency("northwind").roles("agency-admin").scope("openid profile").sign();
        var me = GraphQLClient.as(token).ok("{ me { subject roles scopes agency { id name } tenants { slug } } }");
        assertEquals("ada", me.getString("data.me.subject"));
        assertTrue(me.getList("data.me.roles").contains("agency-admin"));
        assertEquals("Northwind Digital", me.getString("data.me.agency.name"));
        assertTrue(me.getList("data.me.tenants.slug").containsAll(List.of("acme-outdoor", "bluepeak-coffee")));
    }

    private static int countByEmail(String email) {
        var page = GraphQLClient.as(Tokens.tenantUser(TENANT, "crm-admin")).tenant(TENANT)
                .ok("{ contacts(first: 200) { edges { node { email } } } }");
        List<String> emails = page.getList("data.contacts.edges.node.email");
        return (int) emails.stream().filter(email::equals).count();
    }
}
