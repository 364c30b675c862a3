package org.socialcrm.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.socialcrm.common.Network;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.Tokens;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class OAuthFlowTest extends OAuthTestSupport {

    @Test
    void authorizationCodeFlowConnectsTheAccountInTheStatesTenant() {
        long identity = ConnectorFixtures.identity(transactions, scope(), Network.X, ConnectorFixtures.unique("oauth"), null);
        Response start = authorize(adminToken, TENANT, "x", identity);
        assertEquals(302, start.statusCode());
        String location = start.header("Location");
        assertTrue(location.startsWith(NetworkStubs.server().baseUrl() + "/x/i/oauth2/authorize?"), location);
        Map<String, String> params = query(location);
        assertEquals("code", params.get("response_type"));
        assertEquals("x-test-client", params.get("client_id"));
        assertEquals("http://app.test/api/connectors/x/callback", params.get("redirect_uri"));
        assertEquals("S256", params.get("code_challenge_method"));
        String state = params.get("state");

        String code = ConnectorFixtures.unique("code-");
        String access = ConnectorFixtures.unique("oauth-access-");
        NetworkStubs.server().stubFor(post(urlPathEqualTo("/x/2/oauth2/token")).withRequestBody(containing("code=" + code))
                .willReturn(okJson("{\"token_type\":\"bearer\",\"expires_in\":7200,\"access_token\":\"" + access
                        + "\",\"refresh_token\":\"oauth-refresh\"}")));
        Response callback = given().redirects().follow(false).cookies(start.getCookies()).queryParam("code", code)
                .queryParam("state", state).get("/api/connectors/x/callback");
        assertEquals(200, callback.statusCode(), callback.asString());
        assertFalse(callback.asString().contains(access));
        String accountId = callback.jsonPath().getString("accountId");
        assertTrue(callback.jsonPath().getBoolean("connected"));

        LoggedRequest exchange = NetworkStubs.server().findAll(postRequestedFor(urlPathEqualTo("/x/2/oauth2/token"))
                .withRequestBody(containing("code=" + code))).get(0);
        Map<String, String> form = form(exchange);
        assertEquals("authorization_code", form.get("grant_type"));
        assertEquals(params.get("code_challenge"), OAuthState.codeChallenge(form.get("code_verifier")), "PKCE verifier matches");

        GraphQLClient admin = GraphQLClient.as(adminToken).tenant(TENANT);
        var accounts = admin.ok("{ connectorAccounts { id identityId status } }");
        assertTrue(accounts.getList("data.connectorAccounts.id").contains(accountId));
        assertEquals(1, ConnectorFixtures.count(transactions, scope(),
                "select count(*) from audit_event where action = 'connector.connect.oauth' and target = $1", accountId));
    }

    @Test
    void badExpiredOrForeignStatesAreRefused() {
        long identity = ConnectorFixtures.identity(transactions, scope(), Network.X, ConnectorFixtures.unique("bad"), null);
        Response start = authorize(adminToken, TENANT, "x", identity);
        String state = query(start.header("Location")).get("state");
        String tampered = state.substring(0, state.indexOf('.') - 2) + "AA" + state.substring(state.indexOf('.'));
        for (String bad : new String[] { tampered, state + "x", "nonsense", "" }) {
            Response answer = given().queryParam("code", "c").queryParam("state", bad).get("/api/connectors/x/callback");
            assertEquals(400, answer.statusCode());
            assertEquals("INVALID_STATE", answer.jsonPath().getString("code"));
        }
        assertEquals(400, given().queryParam("code", "c").queryParam("state", state).get("/api/connectors/youtube/callback").statusCode(),
                "a state is bound to its network");
        String expired = states.sign(TENANT, identity, Network.X, "someone", Instant.now().minusSeconds(1));
        assertEquals(400, given().queryParam("code", "c").queryParam("state", expired).get("/api/connectors/x/callback").statusCode());
        assertEquals(400, given().queryParam("error", "access_denied").queryParam("state", state).get("/api/connectors/x/callback")
                .statusCode());

        NetworkStubs.server().stubFor(post(urlPathEqualTo("/x/2/oauth2/token")).withRequestBody(containing("code=refused-code"))
                .willReturn(aResponse().withStatus(400).withBody("{\"error\":\"invalid_request\"}")));
        long before = ConnectorFixtures.count(transactions, scope(), "select count(*) from connector_account where identity_id = $1", identity);
        Response refused = given().cookies(start.getCookies()).queryParam("code", "refused-code").queryParam("state", state)
                .get("/api/connectors/x/callback");
        assertEquals(502, refused.statusCode());
        assertEquals("TOKEN_EXCHANGE_FAILED", refused.jsonPath().getString("code"));
        assertEquals(before, ConnectorFixtures.count(transactions, scope(),
                "select count(*) from connector_account where identity_id = $1", identity));
    }

    @Test
    void startingNeedsATokenTheTenantAndManageConnectors() {
        long identity = ConnectorFixtures.identity(transactions, scope(), Network.X, ConnectorFixtures.unique("perm"), null);
        assertEquals(401, authorize(null, TENANT, "x", identity).statusCode());
        Response otherTenant = authorize(adminToken, "greenway-2026", "x", identity);
        assertEquals(403, otherTenant.statusCode());
        assertEquals("FORBIDDEN", otherTenant.jsonPath().getString("code"));
        assertEquals(403, authorize(Tokens.tenantUser(TENANT, "crm-viewer"), TENANT, "x", identity).statusCode());
        assertEquals(400, authorize(adminToken, TENANT, "youtube", identity).statusCode(), "identity of another network");
        assertEquals(400, authorize(adminToken, TENANT, "bluesky", identity).statusCode(), "no OAuth client configured");
        assertEquals(404, authorize(adminToken, TENANT, "myspace", identity).statusCode());
    }
}
