package org.socialcrm.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A real OIDC provider for tests: WireMock serves discovery documents and JWKS for several issuers (realms), each
 * with its own RSA key from src/test/resources/oidc. The service validates test tokens exactly as in production:
 * discovery, JWKS signature check, issuer, audience, expiry.
 */
public class OidcTestServer implements QuarkusTestResourceLifecycleManager {

    public static final String PLATFORM = "platform";
    public static final String TENANT_IDP = "tenant-idp";
    public static final String ROGUE = "rogue";
    public static final String BASE_URL_PROPERTY = "scrm.test.oidc.base-url";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        String base = "http://localhost:" + server.port();
        for (String realm : new String[] { PLATFORM, TENANT_IDP, ROGUE }) {
            String issuer = base + "/realms/" + realm;
            JsonObject discovery = new JsonObject().put("issuer", issuer)
                    .put("jwks_uri", issuer + "/protocol/openid-connect/certs")
                    .put("token_endpoint", issuer + "/protocol/openid-connect/token")
                    .put("authorization_endpoint", issuer + "/protocol/openid-connect/auth")
                    .put("id_token_signing_alg_values_supported", new JsonArray().add("RS256"));
            server.stubFor(get(urlEqualTo("/realms/" + realm + "/.well-known/openid-configuration"))
                    .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(discovery.encode())));
            server.stubFor(get(urlEqualTo("/realms/" + realm + "/protocol/openid-connect/certs"))
                    .willReturn(aResponse().withHeader("Content-Type", "application/json")
                            .withBody(new JsonObject().put("keys", new JsonArray().add(TestKeys.jwk(realm))).encode())));
        }
        System.setProperty(BASE_URL_PROPERTY, base);
        return Map.of(
                "quarkus.oidc.auth-server-url", base + "/realms/" + PLATFORM,
                "quarkus.oidc.token.issuer", base + "/realms/" + PLATFORM,
                BASE_URL_PROPERTY, base);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
