package org.socialcrm.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.socialcrm.common.Network;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.Tokens;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.response.Response;

/**
 * Issue 19 point 8: the OAuth state is single-use (a replay within its validity fails, nothing is stored), bound to
 * the browser of the caller who started it (binding cookie), and the PKCE verifier is a stored random value, not a
 * function of the state.
 */
@QuarkusTest
class OAuthStateReplayTest extends OAuthTestSupport {

    record Started(String state, String stateId, String challenge, Response response) {
    }

    Started start(long identity) {
        Response response = authorize(adminToken, TENANT, "x", identity);
        assertEquals(302, response.statusCode(), response.asString());
        Map<String, String> params = query(response.header("Location"));
        String state = params.get("state");
        return new Started(state, states.verify(state, Instant.now()).orElseThrow().nonce(), params.get("code_challenge"), response);
    }

    Response callback(Started started, String code, Map<String, String> cookies) {
        return given().redirects().follow(false).cookies(cookies).queryParam("code", code).queryParam("state", started.state())
                .get("/api/connectors/x/callback");
    }

    String stubExchange(String code) {
        String access = ConnectorFixtures.unique("replay-access-");
        NetworkStubs.server().stubFor(post(urlPathEqualTo("/x/2/oauth2/token")).withRequestBody(containing("code=" + code))
                .willReturn(okJson("{\"token_type\":\"bearer\",\"expires_in\":7200,\"access_token\":\"" + access + "\"}")));
        return access;
    }

    List<LoggedRequest> exchanges(String code) {
        return NetworkStubs.server().findAll(postRequestedFor(urlPathEqualTo("/x/2/oauth2/token")).withRequestBody(containing("code=" + code)));
    }

    long accountsOf(long identity) {
        return ConnectorFixtures.count(transactions, scope(), "select count(*) from connector_account where identity_id = $1", identity);
    }

    @Test
    void aReplayedStateFailsAndStoresNothing() {
        long identity = ConnectorFixtures.identity(transactions, scope(), Network.X, ConnectorFixtures.unique("replay"), null);
        Started started = start(identity);
        String code = ConnectorFixtures.unique("replay-code-");
        stubExchange(code);
        Response first = callback(started, code, started.response().getCookies());
        assertEquals(200, first.statusCode(), first.asString());
        String accountId = first.jsonPath().getString("accountId");

        Response replay = callback(started, code, started.response().getCookies());
        assertEquals(400, replay.statusCode());
        assertEquals("STATE_ALREADY_USED", replay.jsonPath().getString("code"));
        assertEquals(1, exchanges(code).size(), "the replay never reached the token endpoint");
        assertEquals(1, accountsOf(identity));
        assertEquals(1, ConnectorFixtures.count(transactions, scope(),
                "select count(*) from audit_event where action = 'connector.connect.oauth' and target = $1", accountId));

        GraphQLClient greenway = GraphQLClient.as(Tokens.tenantUser("greenway-2026", "crm-admin")).tenant("greenway-2026");
        assertFalse(greenway.ok("{ connectorAccounts { id } }").getList("data.connectorAccounts.id").contains(accountId),
                "the account exists in the state's tenant only");
    }

    @Test
    void theStateIsBoundToTheBrowserThatStartedIt() {
        long identity = ConnectorFixtures.identity(transactions, scope(), Network.X, ConnectorFixtures.unique("bound"), null);
        Started victims = start(identity);
        Started attackers = start(identity);
        String cookieName = OAuthResource.BINDING_COOKIE + victims.stateId();
        Cookie cookie = victims.response().getDetailedCookie(cookieName);
        assertTrue(cookie.isHttpOnly());
        assertEquals("/api/connectors/x/callback", cookie.getPath());
        assertEquals("Lax", cookie.getSameSite());
        String code = ConnectorFixtures.unique("bound-code-");
        stubExchange(code);

        for (Map<String, String> wrong : List.of(Map.<String, String>of(),
                Map.of(cookieName, attackers.response().getCookie(OAuthResource.BINDING_COOKIE + attackers.stateId())),
                Map.of(cookieName, cookie.getValue() + "x"))) {
            Response refused = callback(victims, code, wrong);
            assertEquals(400, refused.statusCode());
            assertEquals("INVALID_STATE", refused.jsonPath().getString("code"));
        }
        assertEquals(0, exchanges(code).size());
        assertEquals(0, accountsOf(identity));

        assertEquals(200, callback(victims, code, Map.of(cookieName, cookie.getValue())).statusCode(),
                "refused attempts do not use the state up");
        assertEquals(1, accountsOf(identity));
    }

    @Test
    void thePkceVerifierIsAStoredRandomValueNotAFunctionOfTheState() {
        long identity = ConnectorFixtures.identity(transactions, scope(), Network.X, ConnectorFixtures.unique("pkce"), null);
        Started one = start(identity);
        Started two = start(identity);
        assertNotEquals(one.challenge(), two.challenge(), "two starts, two verifiers");
        for (Started started : List.of(one, two)) {
            String stored = ConnectorFixtures.row(transactions, scope(), "select code_verifier from control.oauth_state where id = $1",
                    started.stateId()).getString("code_verifier");
            assertEquals(43, stored.length());
            assertEquals(started.challenge(), OAuthState.codeChallenge(stored), "the challenge is that of the stored verifier");
            assertFalse(started.state().contains(stored));
        }

        // the exchange sends whatever verifier is stored for the state: nothing recomputes it from the state's bytes
        String replaced = states.randomToken(32);
        ConnectorFixtures.row(transactions, scope(), "update control.oauth_state set code_verifier = $1 where id = $2 returning id",
                replaced, one.stateId());
        String code = ConnectorFixtures.unique("pkce-code-");
        stubExchange(code);
        assertEquals(200, callback(one, code, one.response().getCookies()).statusCode());
        assertEquals(replaced, form(exchanges(code).get(0)).get("code_verifier"));
    }

    @Test
    void expiredFlowsArePrunedWhenAFlowStarts() {
        String stale = ConnectorFixtures.unique("stale-");
        ConnectorFixtures.row(transactions, scope(), """
                insert into control.oauth_state (id, tenant_slug, network, identity_id, subject, binding_hash, expires_at)
                values ($1, 'lumen-cosmetics', 'X', 1, 's', 'h', now() - interval '1 minute') returning id""", stale);
        start(ConnectorFixtures.identity(transactions, scope(), Network.X, ConnectorFixtures.unique("prune"), null));
        assertEquals(0, ConnectorFixtures.count(transactions, scope(), "select count(*) from control.oauth_state where id = $1", stale));
    }
}
