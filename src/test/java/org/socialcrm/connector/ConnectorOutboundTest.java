package org.socialcrm.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socialcrm.common.Network;
import org.socialcrm.common.outbound.OutboundConfig;
import org.socialcrm.common.outbound.OutboundPolicy;
import org.socialcrm.connector.mastodon.MastodonConnector;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.mutiny.core.Vertx;

/**
 * Issue 19 point 2 for connectors: every connector call (profile pulls and token endpoints alike, through
 * {@link ConnectorHttp}) passes the outbound policy first and follows no redirect. Real HTTP to a local stub, with the
 * policy configured as in production (private addresses refused) and as in tests (allowed).
 */
class ConnectorOutboundTest {

    static WireMockServer stub;
    static Vertx vertx;

    @BeforeAll
    static void start() {
        stub = new WireMockServer(options().dynamicPort());
        stub.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        stub.stop();
        vertx.closeAndAwait();
    }

    static <T> T mapping(Class<T> type, Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(type)
                .withConverter(Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
        return config.getConfigMapping(type);
    }

    static ConnectorConfig connectorConfig() {
        Map<String, String> properties = new HashMap<>();
        for (String network : new String[] { "x", "youtube", "instagram", "mastodon", "bluesky" }) {
            properties.put("scrm.connectors." + network + ".base-url", stub.baseUrl() + "/" + network);
        }
        properties.put("scrm.connectors.mastodon.token-url", stub.baseUrl() + "/mastodon/oauth/token");
        properties.put("scrm.connectors.http.timeout", "20s"); // a loaded test machine must not turn answers into timeouts
        return mapping(ConnectorConfig.class, properties);
    }

    static MastodonConnector mastodon(boolean allowPrivate) {
        OutboundConfig outbound = mapping(OutboundConfig.class, Map.of("scrm.outbound.allow-private-addresses", String.valueOf(allowPrivate),
                "scrm.outbound.allow-http", "true"));
        ConnectorConfig config = connectorConfig();
        return new MastodonConnector(new ConnectorHttp(vertx, config, new OutboundPolicy(outbound)), config);
    }

    static Throwable failureOf(io.smallrye.mutiny.Uni<?> call) {
        return assertThrows(RuntimeException.class, () -> call.await().atMost(Duration.ofSeconds(30)));
    }

    @Test
    void aConnectorCallToALoopbackAddressIsRefusedBeforeAnyByteIsSent() {
        stub.stubFor(get(urlPathEqualTo("/mastodon/api/v1/accounts/7")).willReturn(okJson("{\"followers_count\":3}")));
        ConnectorTarget target = new ConnectorTarget(1, Network.MASTODON, "mo", "7", null);
        int before = stub.findAll(anyRequestedFor(anyUrl())).size();

        Throwable refused = failureOf(mastodon(false).fetch(target, "secret-token"));
        assertInstanceOf(ConnectorFailure.class, refused);
        assertFalse(refused instanceof ConnectorFailure.Transient, "a refused address is not retried");
        assertFalse(refused.getMessage().contains("127.0.0.1") || refused.getMessage().contains("localhost"));
        assertEquals(before, stub.findAll(anyRequestedFor(anyUrl())).size(), "nothing reached the address");

        TokenPair expired = new TokenPair("a", "r", null);
        OAuthTokens tokens = new OAuthTokens(new ConnectorHttp(vertx, connectorConfig(), new OutboundPolicy(
                mapping(OutboundConfig.class, Map.of("scrm.outbound.allow-http", "true")))), connectorConfig());
        assertInstanceOf(ConnectorFailure.class, failureOf(tokens.refresh(Network.MASTODON, expired)), "token endpoints too");
        assertEquals(before, stub.findAll(anyRequestedFor(anyUrl())).size());

        assertEquals(3L, mastodon(true).fetch(target, "secret-token").await().atMost(Duration.ofSeconds(30)).followers(),
                "allowed by configuration (dev, tests)");
    }

    @Test
    void aRedirectToAPrivateAddressIsNotFollowed() {
        stub.stubFor(get(urlPathEqualTo("/mastodon/api/v1/accounts/8")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.1:" + stub.port() + "/internal/metadata")));
        stub.stubFor(get(urlPathEqualTo("/internal/metadata")).willReturn(okJson("{\"followers_count\":9}")));

        Throwable failure = failureOf(mastodon(true).fetch(new ConnectorTarget(1, Network.MASTODON, "mo", "8", null), "secret-token"));
        assertTrue(failure instanceof ConnectorFailure && failure.getMessage().contains("HTTP 302"), failure.toString());
        assertEquals(1, stub.findAll(getRequestedFor(urlPathEqualTo("/mastodon/api/v1/accounts/8"))).size());
        assertEquals(0, stub.findAll(getRequestedFor(urlPathEqualTo("/internal/metadata"))).size(), "the redirect was not followed");
    }
}
