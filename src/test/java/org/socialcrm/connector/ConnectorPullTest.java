package org.socialcrm.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import jakarta.inject.Inject;

import org.jboss.logmanager.ExtLogRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.socialcrm.common.Network;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.Tokens;
import org.socialcrm.tenancy.TenantDirectory;
import org.socialcrm.tenancy.TenantScope;
import org.socialcrm.tenancy.TenantTransactions;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ConnectorPullTest {

    static final String TENANT = "lumen-cosmetics";
    static final String CONNECT = """
            mutation($input: ConnectSocialAccountInput!) { connectSocialAccount(input: $input) {
              id network identityId status lastSyncAt nextSyncAt lastError } }""";
    static final String SYNC = """
            mutation($id: ID!) { syncNow(accountId: $id) { id status pointsWritten error startedAt finishedAt
              account { id status lastError nextSyncAt lastSyncAt } } }""";

    @Inject
    TenantTransactions transactions;
    @Inject
    TenantDirectory directory;

    final GraphQLClient admin = GraphQLClient.as(Tokens.tenantUser(TENANT, "crm-admin")).tenant(TENANT);

    WireMockServer stub() {
        return NetworkStubs.server();
    }

    TenantScope scope() {
        return ConnectorFixtures.scope(directory, TENANT);
    }

    String connect(Network network, long identityId, String access, String refresh, OffsetDateTime expiresAt, String external) {
        Map<String, Object> input = new HashMap<>();
        input.put("network", network.name());
        input.put("identityId", String.valueOf(identityId));
        input.put("accessToken", access);
        input.put("refreshToken", refresh);
        input.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
        input.put("externalAccountId", external);
        JsonPath json = admin.ok(CONNECT, Map.of("input", input));
        assertFalse(json.prettify().contains(access), "the API never shows a token");
        assertEquals("ACTIVE", json.getString("data.connectSocialAccount.status"));
        return json.getString("data.connectSocialAccount.id");
    }

    JsonPath sync(String accountId) {
        return admin.ok(SYNC, Map.of("id", accountId));
    }

    long points(long identityId) {
        return ConnectorFixtures.count(transactions, scope(), "select count(*) from metric_point where identity_id = $1", identityId);
    }

    static String xUser(String id, long followers) {
        return "{\"data\":{\"id\":\"" + id + "\",\"name\":\"Ada\",\"username\":\"ada\",\"public_metrics\":{\"followers_count\":"
                + followers + ",\"following_count\":300,\"tweet_count\":4500,\"listed_count\":12,\"like_count\":99}}}";
    }

    @Test
    void xPullWritesPointsAndSnapshotAndARerunWritesNoDuplicates() {
        String xid = ConnectorFixtures.unique("x");
        long identity = ConnectorFixtures.identity(transactions, scope(), Network.X, ConnectorFixtures.unique("ada"), null);
        String token = ConnectorFixtures.unique("xtoken-");
        stub().stubFor(get(urlPathEqualTo("/x/2/users/" + xid)).withQueryParam("user.fields", equalTo("public_metrics"))
                .withHeader("Authorization", equalTo("Bearer " + token)).willReturn(okJson(xUser(xid, 1200))));
        String account = connect(Network.X, identity, token, null, null, xid);

        JsonPath first = sync(account);
        assertEquals("SUCCEEDED", first.getString("data.syncNow.status"));
        assertEquals(5, first.getInt("data.syncNow.pointsWritten"));
        assertEquals("ACTIVE", first.getString("data.syncNow.account.status"));
        assertTrue(first.getString("data.syncNow.account.nextSyncAt") != null);
        assertEquals(5, points(identity));
        var snapshot = ConnectorFixtures.row(transactions, scope(),
                "select followers, following, posts, last_synced_at from social_identity where id = $1", identity);
        assertEquals(1200L, snapshot.getLong("followers"));
        assertEquals(300L, snapshot.getLong("following"));
        assertEquals(4500L, snapshot.getLong("posts"));
        assertTrue(snapshot.getOffsetDateTime("last_synced_at") != null);

        JsonPath again = sync(account);
        assertEquals("SUCCEEDED", again.getString("data.syncNow.status"));
        assertEquals(0, again.getInt("data.syncNow.pointsWritten"));
        assertEquals(5, points(identity), "a re-run pull writes no duplicate points");

        JsonPath runs = admin.ok("query($id: ID) { syncRuns(accountId: $id, first: 10) { id status account { id } } }", Map.of("id", account));
        assertEquals(2, runs.getList("data.syncRuns").size());
        JsonPath accounts = admin.ok("{ connectorAccounts { id network status lastSyncAt identityId } }");
        assertTrue(accounts.getList("data.connectorAccounts.id").contains(account));

        var stored = ConnectorFixtures.row(transactions, scope(), "select access_token, token_key_id from connector_account where id = $1",
                Long.parseLong(account));
        assertNotEquals(token, stored.getString("access_token"));
        assertFalse(stored.getString("access_token").contains(token));
        assertEquals("ephemeral", stored.getString("token_key_id"));
    }

    @Test
    void youtubeCountsAreStringsAndAHiddenSubscriberCountWritesNoFollowers() {
        String channel = ConnectorFixtures.unique("UC");
        String hidden = ConnectorFixtures.unique("UCh");
        long identity = ConnectorFixtures.identity(transactions, scope(), Network.YOUTUBE, ConnectorFixtures.unique("yt"), null);
        long hiddenIdentity = ConnectorFixtures.identity(transactions, scope(), Network.YOUTUBE, ConnectorFixtures.unique("yth"), null);
        stub().stubFor(get(urlPathEqualTo("/yt/youtube/v3/channels")).withQueryParam("id", equalTo(channel)).willReturn(okJson(
                "{\"kind\":\"youtube#channelListResponse\",\"items\":[{\"kind\":\"youtube#channel\",\"id\":\"" + channel + "\","
                        + "\"statistics\":{\"viewCount\":\"1000000\",\"subscriberCount\":\"15000\",\"hiddenSubscriberCount\":false,\"videoCount\":\"42\"}}]}")));
        stub().stubFor(get(urlPathEqualTo("/yt/youtube/v3/channels")).withQueryParam("id", equalTo(hidden)).willReturn(okJson(
                "{\"items\":[{\"id\":\"" + hidden + "\",\"statistics\":{\"viewCount\":\"10\",\"subscriberCount\":\"0\","
                        + "\"hiddenSubscriberCount\":true,\"videoCount\":\"3\"}}]}")));
        JsonPath run = sync(connect(Network.YOUTUBE, identity, "yt-token", null, null, channel));
        assertEquals("SUCCEEDED", run.getString("data.syncNow.status"));
        assertEquals(3, run.getInt("data.syncNow.pointsWritten"));
        assertEquals(15000.0, ConnectorFixtures.row(transactions, scope(),
                "select value from metric_point where identity_id = $1 and metric = 'followers'", identity).getDouble("value"));
        assertEquals(15000L, ConnectorFixtures.row(transactions, scope(), "select followers from social_identity where id = $1", identity)
                .getLong("followers"));

        JsonPath hiddenRun = sync(connect(Network.YOUTUBE, hiddenIdentity, "yt-token-2", null, null, hidden));
        assertEquals("SUCCEEDED", hiddenRun.getString("data.syncNow.status"));
        assertEquals(0, ConnectorFixtures.count(transactions, scope(),
                "select count(*) from metric_point where identity_id = $1 and metric = 'followers'", hiddenIdentity));
        assertNull(ConnectorFixtures.row(transactions, scope(), "select followers from social_identity where id = $1", hiddenIdentity)
                .getLong("followers"));
    }

    @Test
    void instagramMastodonAndBlueskyReadTheirDocumentedShapes() {
        String ig = ConnectorFixtures.unique("1784");
        long igIdentity = ConnectorFixtures.identity(transactions, scope(), Network.INSTAGRAM, ConnectorFixtures.unique("ig"), null);
        stub().stubFor(get(urlPathEqualTo("/ig/v25.0/" + ig)).withQueryParam("fields", equalTo("followers_count,follows_count,media_count"))
                .willReturn(okJson("{\"followers_count\":5100,\"follows_count\":210,\"media_count\":88,\"id\":\"" + ig + "\"}")));
        JsonPath igRun = sync(connect(Network.INSTAGRAM, igIdentity, "ig-token", null, null, ig));
        assertEquals("SUCCEEDED", igRun.getString("data.syncNow.status"));
        assertEquals(3, igRun.getInt("data.syncNow.pointsWritten"));

        String mid = ConnectorFixtures.unique("1090");
        long mIdentity = ConnectorFixtures.identity(transactions, scope(), Network.MASTODON, ConnectorFixtures.unique("mast"), null);
        stub().stubFor(get(urlPathEqualTo("/mastodon/api/v1/accounts/" + mid)).willReturn(okJson("{\"id\":\"" + mid
                + "\",\"username\":\"m\",\"acct\":\"m\",\"followers_count\":640,\"following_count\":75,\"statuses_count\":3300}")));
        JsonPath mRun = sync(connect(Network.MASTODON, mIdentity, "m-token", null, null, mid));
        assertEquals("SUCCEEDED", mRun.getString("data.syncNow.status"));
        assertEquals(640L, ConnectorFixtures.row(transactions, scope(), "select followers from social_identity where id = $1", mIdentity)
                .getLong("followers"));

        String handle = ConnectorFixtures.unique("bsky") + ".bsky.social";
        long bIdentity = ConnectorFixtures.identity(transactions, scope(), Network.BLUESKY, handle, null);
        stub().stubFor(get(urlPathEqualTo("/bsky/xrpc/app.bsky.actor.getProfile")).withQueryParam("actor", equalTo(handle))
                .willReturn(okJson("{\"did\":\"did:plc:abc\",\"handle\":\"" + handle + "\",\"displayName\":\"B\","
                        + "\"followersCount\":77,\"followsCount\":12,\"postsCount\":301}")));
        JsonPath bRun = sync(connect(Network.BLUESKY, bIdentity, "b-token", null, null, null));
        assertEquals("SUCCEEDED", bRun.getString("data.syncNow.status"));
        assertEquals(301L, ConnectorFixtures.row(transactions, scope(), "select posts from social_identity where id = $1", bIdentity)
                .getLong("posts"));
    }

    @Test
    void rateLimitsHonourEachNetworksResetHeader() {
        long reset = Instant.now().plusSeconds(900).getEpochSecond();
        String xid = ConnectorFixtures.unique("x");
        long xIdentity = ConnectorFixtures.identity(transactions, scope(), Network.X, ConnectorFixtures.unique("rl"), null);
        stub().stubFor(get(urlPathEqualTo("/x/2/users/" + xid)).willReturn(aResponse().withStatus(429)
                .withHeader("x-rate-limit-limit", "900").withHeader("x-rate-limit-remaining", "0")
                .withHeader("x-rate-limit-reset", String.valueOf(reset)).withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded\"}]}")));
        String xAccount = connect(Network.X, xIdentity, "x-rl-token", null, null, xid);
        JsonPath xRun = sync(xAccount);
        assertEquals("RATE_LIMITED", xRun.getString("data.syncNow.status"));
        assertEquals("ACTIVE", xRun.getString("data.syncNow.account.status"));
        assertEquals(reset, OffsetDateTime.parse(xRun.getString("data.syncNow.account.nextSyncAt")).toEpochSecond());
        assertEquals(reset, ConnectorFixtures.row(transactions, scope(),
                "select next_run_at from control.connector_job where account_id = $1 and tenant_id = $2", Long.parseLong(xAccount),
                scope().tenant().id())
                .getOffsetDateTime("next_run_at").toEpochSecond());
        assertEquals(1, stub().findAll(getRequestedFor(urlPathEqualTo("/x/2/users/" + xid))).size(), "a 429 is not retried");

        String mid = ConnectorFixtures.unique("m");
        OffsetDateTime mReset = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(5).withNano(0);
        long mIdentity = ConnectorFixtures.identity(transactions, scope(), Network.MASTODON, ConnectorFixtures.unique("mrl"), null);
        stub().stubFor(get(urlPathEqualTo("/mastodon/api/v1/accounts/" + mid)).willReturn(aResponse().withStatus(429)
                .withHeader("X-RateLimit-Limit", "300").withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", mReset.toString()).withBody("{\"error\":\"Too many requests\"}")));
        JsonPath mRun = sync(connect(Network.MASTODON, mIdentity, "m-rl", null, null, mid));
        assertEquals("RATE_LIMITED", mRun.getString("data.syncNow.status"));
        assertEquals(mReset.toEpochSecond(), OffsetDateTime.parse(mRun.getString("data.syncNow.account.nextSyncAt")).toEpochSecond());

        String bHandle = ConnectorFixtures.unique("brl") + ".bsky.social";
        long bIdentity = ConnectorFixtures.identity(transactions, scope(), Network.BLUESKY, bHandle, null);
        stub().stubFor(get(urlPathEqualTo("/bsky/xrpc/app.bsky.actor.getProfile")).withQueryParam("actor", equalTo(bHandle))
                .willReturn(aResponse().withStatus(429).withHeader("RateLimit-Limit", "3000").withHeader("RateLimit-Remaining", "0")
                        .withHeader("RateLimit-Reset", String.valueOf(reset)).withBody("{\"error\":\"RateLimitExceeded\"}")));
        JsonPath bRun = sync(connect(Network.BLUESKY, bIdentity, "b-rl", null, null, null));
        assertEquals("RATE_LIMITED", bRun.getString("data.syncNow.status"));
        assertEquals(reset, OffsetDateTime.parse(bRun.getString("data.syncNow.account.nextSyncAt")).toEpochSecond());

        String ig = ConnectorFixtures.unique("17");
        long igIdentity = ConnectorFixtures.identity(transactions, scope(), Network.INSTAGRAM, ConnectorFixtures.unique("igrl"), null);
        stub().stubFor(get(urlPathEqualTo("/ig/v25.0/" + ig)).willReturn(aResponse().withStatus(400)
                .withHeader("X-Business-Use-Case-Usage", "{\"1234\":[{\"type\":\"instagram\",\"call_count\":100,\"total_cputime\":30,"
                        + "\"total_time\":40,\"estimated_time_to_regain_access\":30}]}")
                .withBody("{\"error\":{\"message\":\"Application request limit reached\",\"type\":\"OAuthException\",\"code\":4}}")));
        JsonPath igRun = sync(connect(Network.INSTAGRAM, igIdentity, "ig-rl", null, null, ig));
        assertEquals("RATE_LIMITED", igRun.getString("data.syncNow.status"));
        long waited = OffsetDateTime.parse(igRun.getString("data.syncNow.account.nextSyncAt")).toEpochSecond() - Instant.now().getEpochSecond();
        assertTrue(waited > 25 * 60 && waited <= 30 * 60, "waits estimated_time_to_regain_access minutes");

        String channel = ConnectorFixtures.unique("UCq");
        long yIdentity = ConnectorFixtures.identity(transactions, scope(), Network.YOUTUBE, ConnectorFixtures.unique("ytq"), null);
        stub().stubFor(get(urlPathEqualTo("/yt/youtube/v3/channels")).withQueryParam("id", equalTo(channel)).willReturn(aResponse()
                .withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":403,\"message\":\"The request cannot be completed because you have exceeded your quota.\","
                        + "\"errors\":[{\"message\":\"quota\",\"domain\":\"youtube.quota\",\"reason\":\"quotaExceeded\"}]}}")));
        JsonPath yRun = sync(connect(Network.YOUTUBE, yIdentity, "yt-q", null, null, channel));
        assertEquals("RATE_LIMITED", yRun.getString("data.syncNow.status"));
        assertTrue(yRun.getString("data.syncNow.error").contains("quota"));
        assertTrue(OffsetDateTime.parse(yRun.getString("data.syncNow.account.nextSyncAt")).isAfter(OffsetDateTime.now()));
    }

    @Test
    void serverErrorsAreRetriedWithBackoffThenTheAccountIsFailing() {
        String xid = ConnectorFixtures.unique("x");
        long identity = ConnectorFixtures.identity(transactions, scope(), Network.X, ConnectorFixtures.unique("err"), null);
        stub().stubFor(get(urlPathEqualTo("/x/2/users/" + xid)).willReturn(aResponse().withStatus(503).withBody("upstream down")));
        JsonPath run = sync(connect(Network.X, identity, "x-500", null, null, xid));
        assertEquals("FAILED", run.getString("data.syncNow.status"));
        assertEquals("FAILING", run.getString("data.syncNow.account.status"));
        assertTrue(run.getString("data.syncNow.account.lastError").contains("HTTP 503"));
        assertEquals(4, stub().findAll(getRequestedFor(urlPathEqualTo("/x/2/users/" + xid))).size(), "1 call + 3 retries");

        String flaky = ConnectorFixtures.unique("x");
        long flakyIdentity = ConnectorFixtures.identity(transactions, scope(), Network.X, ConnectorFixtures.unique("flaky"), null);
        stub().stubFor(get(urlPathEqualTo("/x/2/users/" + flaky)).inScenario(flaky).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("up"));
        stub().stubFor(get(urlPathEqualTo("/x/2/users/" + flaky)).inScenario(flaky).whenScenarioStateIs("up")
                .willReturn(okJson(xUser(flaky, 10))));
        JsonPath recovered = sync(connect(Network.X, flakyIdentity, "x-flaky", null, null, flaky));
        assertEquals("SUCCEEDED", recovered.getString("data.syncNow.status"));
    }

    @Test
    void timeoutsAndMalformedBodiesFailWithoutBlockingOthers() {
        String slow = ConnectorFixtures.unique("9");
        long slowIdentity = ConnectorFixtures.identity(transactions, scope(), Network.MASTODON, ConnectorFixtures.unique("slow"), null);
        stub().stubFor(get(urlPathEqualTo("/mastodon/api/v1/accounts/" + slow)).willReturn(okJson("{\"followers_count\":1}")
                .withFixedDelay(1500)));
        JsonPath slowRun = sync(connect(Network.MASTODON, slowIdentity, "m-slow", null, null, slow));
        assertEquals("FAILED", slowRun.getString("data.syncNow.status"));
        assertTrue(slowRun.getString("data.syncNow.error").contains("did not answer in time"));

        String bad = ConnectorFixtures.unique("bad") + ".bsky.social";
        long badIdentity = ConnectorFixtures.identity(transactions, scope(), Network.BLUESKY, bad, null);
        stub().stubFor(get(urlPathEqualTo("/bsky/xrpc/app.bsky.actor.getProfile")).withQueryParam("actor", equalTo(bad))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"did\":\"did:plc:x\",\"follo")));
        JsonPath badRun = sync(connect(Network.BLUESKY, badIdentity, "b-bad", null, null, null));
        assertEquals("FAILED", badRun.getString("data.syncNow.status"));
        assertEquals("FAILING", badRun.getString("data.syncNow.account.status"));
        assertTrue(badRun.getString("data.syncNow.error").contains("malformed"));

        String suspended = ConnectorFixtures.unique("8");
        long suspendedIdentity = ConnectorFixtures.identity(transactions, scope(), Network.MASTODON, ConnectorFixtures.unique("susp"), null);
        stub().stubFor(get(urlPathEqualTo("/mastodon/api/v1/accounts/" + suspended)).willReturn(okJson(
                "{\"id\":\"" + suspended + "\",\"suspended\":true,\"followers_count\":0,\"following_count\":0,\"statuses_count\":0}")));
        JsonPath suspendedRun = sync(connect(Network.MASTODON, suspendedIdentity, "m-susp", null, null, suspended));
        assertEquals("FAILED", suspendedRun.getString("data.syncNow.status"));
        assertTrue(suspendedRun.getString("data.syncNow.error").contains("suspended"));
    }

    @Test
    void a401IsRefreshedAndNoTokenEverReachesTheLogs() {
        String xid = ConnectorFixtures.unique("x");
        String oldAccess = ConnectorFixtures.unique("old-access-");
        String oldRefresh = ConnectorFixtures.unique("old-refresh-");
        String newAccess = ConnectorFixtures.unique("new-access-");
        String newRefresh = ConnectorFixtures.unique("new-refresh-");
        long identity = ConnectorFixtures.identity(transactions, scope(), Network.X, ConnectorFixtures.unique("ref"), null);
        stub().stubFor(get(urlPathEqualTo("/x/2/users/" + xid)).withHeader("Authorization", equalTo("Bearer " + oldAccess))
                .willReturn(aResponse().withStatus(401).withBody("{\"title\":\"Unauthorized\",\"status\":401}")));
        stub().stubFor(get(urlPathEqualTo("/x/2/users/" + xid)).withHeader("Authorization", equalTo("Bearer " + newAccess))
                .willReturn(okJson(xUser(xid, 42))));
        stub().stubFor(post(urlPathEqualTo("/x/2/oauth2/token")).withRequestBody(containing("refresh_token=" + oldRefresh))
                .willReturn(okJson("{\"token_type\":\"bearer\",\"expires_in\":7200,\"access_token\":\"" + newAccess
                        + "\",\"scope\":\"tweet.read users.read offline.access\",\"refresh_token\":\"" + newRefresh + "\"}")));

        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
                logged.add(String.valueOf(message) + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        java.util.logging.Logger ours = java.util.logging.Logger.getLogger("org.socialcrm");
        java.util.logging.Level previous = ours.getLevel();
        ours.setLevel(java.util.logging.Level.ALL);
        root.addHandler(capture);
        try {
            String account = connect(Network.X, identity, oldAccess, oldRefresh, null, xid);
            JsonPath run = sync(account);
            assertEquals("SUCCEEDED", run.getString("data.syncNow.status"));
            stub().verify(postRequestedFor(urlPathEqualTo("/x/2/oauth2/token")).withRequestBody(containing("grant_type=refresh_token")));
            var stored = ConnectorFixtures.row(transactions, scope(),
                    "select access_token, refresh_token, token_expires_at from connector_account where id = $1", Long.parseLong(account));
            assertTrue(stored.getOffsetDateTime("token_expires_at").isAfter(OffsetDateTime.now().plusMinutes(100)));
            for (String secret : List.of(oldAccess, oldRefresh, newAccess, newRefresh)) {
                assertFalse(stored.getString("access_token").contains(secret));
                assertFalse(stored.getString("refresh_token").contains(secret));
            }
            // the refreshed tokens are used next time: the old access token is not sent again
            int oldCalls = stub().findAll(getRequestedFor(urlPathEqualTo("/x/2/users/" + xid))
                    .withHeader("Authorization", equalTo("Bearer " + oldAccess))).size();
            sync(account);
            assertEquals(oldCalls, stub().findAll(getRequestedFor(urlPathEqualTo("/x/2/users/" + xid))
                    .withHeader("Authorization", equalTo("Bearer " + oldAccess))).size());
        } finally {
            root.removeHandler(capture);
            ours.setLevel(previous);
        }
        assertFalse(logged.isEmpty(), "the capture saw the pull's log records");
        for (String line : logged) {
            for (String secret : List.of(oldAccess, oldRefresh, newAccess, newRefresh)) {
                assertFalse(line.contains(secret), "a log record contains a token: " + line);
            }
        }
    }

    @Test
    void aRefusedRefreshNeedsReauthAndStopsPulls() {
        String channel = ConnectorFixtures.unique("UCr");
        long identity = ConnectorFixtures.identity(transactions, scope(), Network.YOUTUBE, ConnectorFixtures.unique("reauth"), null);
        String refresh = ConnectorFixtures.unique("revoked-refresh-");
        stub().stubFor(get(urlPathEqualTo("/yt/youtube/v3/channels")).withQueryParam("id", equalTo(channel))
                .willReturn(aResponse().withStatus(401).withBody("{\"error\":{\"code\":401,\"status\":\"UNAUTHENTICATED\"}}")));
        stub().stubFor(post(urlPathEqualTo("/google/token")).withRequestBody(containing(refresh))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}")));
        String account = connect(Network.YOUTUBE, identity, "yt-expired", refresh, null, channel);
        JsonPath run = sync(account);
        assertEquals("FAILED", run.getString("data.syncNow.status"));
        assertEquals("NEEDS_REAUTH", run.getString("data.syncNow.account.status"));
        assertEquals("STOPPED", ConnectorFixtures.row(transactions, scope(),
                "select status from control.connector_job where account_id = $1 and tenant_id = $2", Long.parseLong(account),
                scope().tenant().id()).getString("status"));
        JsonPath again = admin.run(SYNC, Map.of("id", account));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(again));

        // reconnecting with fresh tokens makes the account pull again
        stub().stubFor(get(urlPathEqualTo("/yt/youtube/v3/channels")).withQueryParam("id", equalTo(channel))
                .withHeader("Authorization", equalTo("Bearer yt-fresh"))
                .willReturn(okJson("{\"items\":[{\"statistics\":{\"subscriberCount\":\"5\",\"videoCount\":\"1\",\"viewCount\":\"9\"}}]}")));
        assertEquals(account, connect(Network.YOUTUBE, identity, "yt-fresh", null, null, channel));
        assertEquals("SUCCEEDED", sync(account).getString("data.syncNow.status"));
    }

    @Test
    void anExpiredTokenIsRefreshedBeforeThePull() {
        String ig = ConnectorFixtures.unique("178");
        long identity = ConnectorFixtures.identity(transactions, scope(), Network.INSTAGRAM, ConnectorFixtures.unique("igexp"), null);
        String oldToken = ConnectorFixtures.unique("ig-old-");
        String newToken = ConnectorFixtures.unique("ig-new-");
        stub().stubFor(get(urlPathEqualTo("/ig/refresh_access_token")).withQueryParam("grant_type", equalTo("ig_refresh_token"))
                .withQueryParam("access_token", equalTo(oldToken))
                .willReturn(okJson("{\"access_token\":\"" + newToken + "\",\"token_type\":\"bearer\",\"expires_in\":5183944}")));
        stub().stubFor(get(urlPathEqualTo("/ig/v25.0/" + ig)).withHeader("Authorization", equalTo("Bearer " + newToken))
                .willReturn(okJson("{\"followers_count\":9,\"follows_count\":8,\"media_count\":7}")));
        String account = connect(Network.INSTAGRAM, identity, oldToken, null, OffsetDateTime.now().minusHours(1), ig);
        assertEquals("SUCCEEDED", sync(account).getString("data.syncNow.status"));
        assertEquals(0, stub().findAll(getRequestedFor(urlPathEqualTo("/ig/v25.0/" + ig))
                .withHeader("Authorization", equalTo("Bearer " + oldToken))).size(), "the expired token is not used");
    }

    @Test
    void anAccountsOwnIntervalSetsItsNextRun() {
        String mid = ConnectorFixtures.unique("44");
        long identity = ConnectorFixtures.identity(transactions, scope(), Network.MASTODON, ConnectorFixtures.unique("int"), null);
        stub().stubFor(get(urlPathEqualTo("/mastodon/api/v1/accounts/" + mid))
                .willReturn(okJson("{\"followers_count\":3,\"following_count\":2,\"statuses_count\":1}")));
        Map<String, Object> input = new HashMap<>(Map.of("network", "MASTODON", "identityId", String.valueOf(identity),
                "accessToken", "m-int", "externalAccountId", mid, "syncIntervalSeconds", 5));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(admin.run(CONNECT, Map.of("input", input))));
        input.put("syncIntervalSeconds", 300);
        String account = admin.ok(CONNECT, Map.of("input", input)).getString("data.connectSocialAccount.id");
        OffsetDateTime next = OffsetDateTime.parse(sync(account).getString("data.syncNow.account.nextSyncAt"));
        long inSeconds = next.toEpochSecond() - OffsetDateTime.now().toEpochSecond();
        assertTrue(inSeconds > 290 && inSeconds <= 300, "next pull after the account's interval: " + inSeconds);
    }

    @Test
    void syncCompletedIsPublishedToTheTenant() {
        String mid = ConnectorFixtures.unique("77");
        long identity = ConnectorFixtures.identity(transactions, scope(), Network.MASTODON, ConnectorFixtures.unique("evt"), null);
        stub().stubFor(get(urlPathEqualTo("/mastodon/api/v1/accounts/" + mid))
                .willReturn(okJson("{\"followers_count\":3,\"following_count\":2,\"statuses_count\":1}")));
        String account = connect(Network.MASTODON, identity, "m-evt", null, null, mid);
        String runId = sync(account).getString("data.syncNow.id");
        String feed = "{ changes(first: 200, types: [\"sync.completed\"]) { edges { node { subjectId data } } } }";
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> admin.ok(feed).getList("data.changes.edges.node.subjectId").contains(runId));
        Map<String, Object> change = admin.ok(feed).<Map<String, Object>> getList("data.changes.edges.node").stream()
                .filter(n -> runId.equals(n.get("subjectId"))).findFirst().orElseThrow();
        assertEquals("SUCCEEDED", ((Map<?, ?>) change.get("data")).get("status"));
        GraphQLClient greenway = GraphQLClient.as(Tokens.tenantUser("greenway-2026", "crm-admin")).tenant("greenway-2026");
        // The account's external id is unique to this test; its numeric id is not (ids are per tenant schema).
        assertTrue(admin.ok(feed).prettify().contains(mid), "the run's change names the account's external id");
        assertFalse(greenway.ok(feed).prettify().contains(mid), "another tenant's feed shows the run");
    }

    @Test
    void anotherTenantCannotSeeOrSyncTheAccountAndViewersCannotConnect() {
        String mid = ConnectorFixtures.unique("55");
        long identity = ConnectorFixtures.identity(transactions, scope(), Network.MASTODON, ConnectorFixtures.unique("iso"), null);
        String account = connect(Network.MASTODON, identity, "m-iso", null, null, mid);

        GraphQLClient greenway = GraphQLClient.as(Tokens.tenantUser("greenway-2026", "crm-admin")).tenant("greenway-2026");
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(greenway.run(SYNC, Map.of("id", account))));
        assertFalse(greenway.ok("{ connectorAccounts { id } }").getList("data.connectorAccounts.id").contains(account));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(greenway.run("mutation($id: ID!) { disconnectSocialAccount(id: $id) }",
                Map.of("id", account))));
        Map<String, Object> input = Map.of("network", "MASTODON", "identityId", String.valueOf(identity), "accessToken", "t");
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(greenway.run(CONNECT, Map.of("input", input))));

        GraphQLClient wrongHeader = GraphQLClient.as(Tokens.tenantUser(TENANT, "crm-admin")).tenant("greenway-2026");
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(wrongHeader.run("{ connectorAccounts { id } }")));
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(wrongHeader.run(SYNC, Map.of("id", account))));

        GraphQLClient viewer = GraphQLClient.as(Tokens.tenantUser(TENANT, "crm-viewer")).tenant(TENANT);
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(viewer.run(CONNECT, Map.of("input", input))));
        assertTrue(viewer.ok("{ connectorAccounts { id } }").getList("data.connectorAccounts.id").contains(account));

        Map<String, Object> wrongNetwork = Map.of("network", "X", "identityId", String.valueOf(identity), "accessToken", "t");
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(admin.run(CONNECT, Map.of("input", wrongNetwork))));

        assertTrue(admin.ok("mutation($id: ID!) { disconnectSocialAccount(id: $id) }", Map.of("id", account))
                .getBoolean("data.disconnectSocialAccount"));
        assertEquals(0, ConnectorFixtures.count(transactions, scope(), "select count(*) from control.connector_job where account_id = $1 "
                + "and tenant_id = $2", Long.parseLong(account), scope().tenant().id()));
    }
}
