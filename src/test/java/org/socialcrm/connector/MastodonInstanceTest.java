package org.socialcrm.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.Tokens;
import org.socialcrm.tenancy.TenantDirectory;
import org.socialcrm.tenancy.TenantTransactions;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Issue 19 point 2: no token goes to a host a lower role chose. An analyst may set an identity's profileUrl; the
 * Mastodon connector sends the account's token only to the instance an admin fixed when connecting (or the configured
 * one), never to the profile URL's host.
 */
@QuarkusTest
class MastodonInstanceTest {

    static final String TENANT = "lumen-cosmetics";
    static WireMockServer elsewhere;

    final GraphQLClient admin = GraphQLClient.as(Tokens.tenantUser(TENANT, "crm-admin")).tenant(TENANT);
    final GraphQLClient analyst = GraphQLClient.as(Tokens.tenantUser(TENANT, "crm-analyst")).tenant(TENANT);

    @Inject
    TenantTransactions transactions;
    @Inject
    TenantDirectory directory;

    @BeforeAll
    static void startTheOtherHost() {
        elsewhere = new WireMockServer(options().dynamicPort());
        elsewhere.start();
        elsewhere.stubFor(get(anyUrl()).willReturn(okJson("{\"id\":\"1\",\"followers_count\":666,\"following_count\":1,\"statuses_count\":1}")));
    }

    @AfterAll
    static void stopTheOtherHost() {
        elsewhere.stop();
    }

    /** An identity made by an analyst, whose profile URL points at the other host. Returns its id. */
    String analystsIdentity(String handle) {
        String contact = analyst.ok("mutation { createContact(input: {firstName: \"Mo\"}) { id } }").getString("data.createContact.id");
        return analyst.ok("""
                mutation($c: ID!, $i: SocialIdentityInput!) { linkSocialIdentity(contactId: $c, input: $i) { id } }""",
                Map.of("c", contact, "i", Map.of("network", "MASTODON", "handle", handle,
                        "profileUrl", elsewhere.baseUrl() + "/@" + handle)))
                .getString("data.linkSocialIdentity.id");
    }

    JsonPath connect(GraphQLClient as, String identity, String token, String externalId, String instanceUrl) {
        Map<String, Object> input = new HashMap<>(Map.of("network", "MASTODON", "identityId", identity, "accessToken", token,
                "externalAccountId", externalId));
        if (instanceUrl != null) {
            input.put("instanceUrl", instanceUrl);
        }
        return as.run(ConnectorPullTest.CONNECT, Map.of("input", input));
    }

    String sync(String account) {
        return admin.ok(ConnectorPullTest.SYNC, Map.of("id", account)).getString("data.syncNow.status");
    }

    @Test
    void theProfileUrlAnAnalystSetNeverReceivesTheToken() {
        String handle = ConnectorFixtures.unique("mo");
        String mid = ConnectorFixtures.unique("71");
        String token = ConnectorFixtures.unique("m-secret-");
        NetworkStubs.server().stubFor(get(urlPathEqualTo("/mastodon/api/v1/accounts/" + mid))
                .willReturn(okJson("{\"id\":\"" + mid + "\",\"followers_count\":10,\"following_count\":2,\"statuses_count\":3}")));
        String account = connect(admin, analystsIdentity(handle), token, mid, null).getString("data.connectSocialAccount.id");

        assertEquals("SUCCEEDED", sync(account));
        assertEquals(0, elsewhere.findAll(anyRequestedFor(anyUrl())).size(), "the profile URL's host receives nothing");
        assertEquals(1, NetworkStubs.server().findAll(getRequestedFor(urlPathEqualTo("/mastodon/api/v1/accounts/" + mid))
                .withHeader("Authorization", equalTo("Bearer " + token))).size(), "the configured instance got the call");
    }

    @Test
    void theTokenGoesOnlyToTheInstanceTheAdminFixed() {
        String handle = ConnectorFixtures.unique("mi");
        String mid = ConnectorFixtures.unique("72");
        String token = ConnectorFixtures.unique("m-fixed-");
        String instance = NetworkStubs.server().baseUrl() + "/fixed-instance";
        NetworkStubs.server().stubFor(get(urlPathEqualTo("/fixed-instance/api/v1/accounts/" + mid))
                .willReturn(okJson("{\"id\":\"" + mid + "\",\"followers_count\":20,\"following_count\":2,\"statuses_count\":3}")));
        String identity = analystsIdentity(handle);

        assertEquals("FORBIDDEN", GraphQLClient.errorCode(connect(analyst, identity, token, mid, instance)),
                "only admins fix an instance (connecting needs MANAGE_CONNECTORS)");
        String account = connect(admin, identity, token, mid, instance + "/").getString("data.connectSocialAccount.id");
        assertEquals(instance, ConnectorFixtures.row(transactions, ConnectorFixtures.scope(directory, TENANT),
                "select instance_url from connector_account where id = $1", Long.parseLong(account)).getString("instance_url"));

        assertEquals("SUCCEEDED", sync(account));
        assertEquals(0, elsewhere.findAll(anyRequestedFor(anyUrl())).size());
        assertEquals(1, NetworkStubs.server().findAll(getRequestedFor(urlPathEqualTo("/fixed-instance/api/v1/accounts/" + mid))
                .withHeader("Authorization", equalTo("Bearer " + token))).size());
        assertEquals(0, NetworkStubs.server().findAll(getRequestedFor(urlPathEqualTo("/mastodon/api/v1/accounts/" + mid))).size());
    }

    @Test
    void badInstanceUrlsAreRefusedAndNothingIsStored() {
        String handle = ConnectorFixtures.unique("mb");
        String identity = analystsIdentity(handle);
        for (String bad : new String[] { "ftp://mastodon.example", "https://user:pw@mastodon.example", "not a url", "",
                NetworkStubs.server().baseUrl() + "/m?x=1" }) {
            JsonPath answer = connect(admin, identity, "t", "1", bad);
            assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(answer), bad);
            assertEquals("instanceUrl", answer.getString("errors[0].extensions.field"), bad);
        }
        Map<String, Object> xInput = Map.of("network", "X", "identityId", identity, "accessToken", "t", "instanceUrl",
                NetworkStubs.server().baseUrl());
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(admin.run(ConnectorPullTest.CONNECT, Map.of("input", xInput))));
        assertEquals(0, ConnectorFixtures.count(transactions, ConnectorFixtures.scope(directory, TENANT),
                "select count(*) from connector_account where identity_id = $1", Long.parseLong(identity)));
    }

    @Test
    void anotherTenantCannotFixTheInstanceOfThisTenantsIdentity() {
        String identity = analystsIdentity(ConnectorFixtures.unique("mt"));
        GraphQLClient greenway = GraphQLClient.as(Tokens.tenantUser("greenway-2026", "crm-admin")).tenant("greenway-2026");
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(connect(greenway, identity, "t", "1", NetworkStubs.server().baseUrl())));
        assertNull(ConnectorFixtures.row(transactions, ConnectorFixtures.scope(directory, TENANT),
                "select id from connector_account where identity_id = $1", Long.parseLong(identity)));
    }
}
