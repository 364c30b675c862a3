package org.socialcrm.connector;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * One local HTTP stub server standing in for all five networks (each under its own path prefix) and their token
 * endpoints. Tests add the answers they need (documented response shapes, 429s with each network's headers, 5xx,
 * slow answers, malformed JSON).
 */
public class NetworkStubs implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        String base = "http://localhost:" + server.port();
        Map<String, String> config = new HashMap<>();
        config.put("scrm.connectors.x.base-url", base + "/x");
        config.put("scrm.connectors.x.authorize-url", base + "/x/i/oauth2/authorize");
        config.put("scrm.connectors.x.token-url", base + "/x/2/oauth2/token");
        config.put("scrm.connectors.x.client-id", "x-test-client");
        config.put("scrm.connectors.youtube.base-url", base + "/yt");
        config.put("scrm.connectors.youtube.token-url", base + "/google/token");
        config.put("scrm.connectors.youtube.client-id", "yt-test-client");
        config.put("scrm.connectors.instagram.base-url", base + "/ig/v25.0");
        config.put("scrm.connectors.instagram.refresh-url", base + "/ig/refresh_access_token");
        config.put("scrm.connectors.instagram.token-url", base + "/ig/oauth/access_token");
        config.put("scrm.connectors.mastodon.base-url", base + "/mastodon");
        config.put("scrm.connectors.mastodon.token-url", base + "/mastodon/oauth/token");
        config.put("scrm.connectors.bluesky.base-url", base + "/bsky");
        config.put("scrm.connectors.bluesky.refresh-url", base + "/bsky/xrpc/com.atproto.server.refreshSession");
        config.put("scrm.connectors.oauth.public-base-url", "http://app.test");
        // the stub networks listen on loopback over plain http: allowed here as in %test, also for the native
        // integration tests, which run the executable in its prod profile
        config.put("scrm.outbound.allow-private-addresses", "true");
        config.put("scrm.outbound.allow-http", "true");
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** Registers the stub server for every @QuarkusTest of the run (so the application starts once). */
    @QuarkusTestResource(NetworkStubs.class)
    public static final class Registration {
        private Registration() {
        }
    }
}
