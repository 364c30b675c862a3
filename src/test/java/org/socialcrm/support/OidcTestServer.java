package org.socialcrm.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A real OIDC provider for tests: WireMock serves discovery documents and JWKS for several issuers (realms), each
 * with its own RSA key from src/test/resources/oidc. The service validates test tokens exactly as in production:
 * discovery, JWKS signature check, issuer, audience, expiry. Each realm also advertises an introspection endpoint,
 * which refuses every call and counts them ({@link #introspectionCalls()}), as a provider that would be asked
 * about every bad bearer.
 */
public class OidcTestServer implements QuarkusTestResourceLifecycleManager {

    public static final String PLATFORM = "platform";
    public static final String TENANT_IDP = "tenant-idp";
    public static final String ROGUE = "rogue";
    /** A tenant issuer that exactly one tenant declares (TENANT_IDP is AuthenticationTest's). */
    public static final String TENANT_IDP_SOLO = "tenant-idp-solo";
    /** A tenant issuer that two tenants declare. */
    public static final String SHARED_IDP = "shared-idp";
    public static final String BASE_URL_PROPERTY = "scrm.test.oidc.base-url";

    private static volatile WireMockServer current;
    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        String base = "http://localhost:" + server.port();
        for (String realm : new String[] { PLATFORM, TENANT_IDP, ROGUE, TENANT_IDP_SOLO, SHARED_IDP }) {
            String issuer = base + "/realms/" + realm;
            JsonObject discovery = new JsonObject().put("issuer", issuer)
                    .put("jwks_uri", issuer + "/protocol/openid-connect/certs")
                    .put("token_endpoint", issuer + "/protocol/openid-connect/token")
                    .put("introspection_endpoint", issuer + "/protocol/openid-connect/token/introspect")
                    .put("authorization_endpoint", issuer + "/protocol/openid-connect/auth")
                    .put("id_token_signing_alg_values_supported", new JsonArray().add("RS256"));
            server.stubFor(get(urlEqualTo("/realms/" + realm + "/.well-known/openid-configuration"))
                    .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(discovery.encode())));
            server.stubFor(get(urlEqualTo("/realms/" + realm + "/protocol/openid-connect/certs"))
                    .willReturn(aResponse().withHeader("Content-Type", "application/json")
                            .withBody(new JsonObject().put("keys", new JsonArray().add(TestKeys.jwk(realm))).encode())));
        }
        server.stubFor(post(urlPathMatching("/realms/[^/]+/protocol/openid-connect/token/introspect"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_client\"}")));
        current = server;
        System.setProperty(BASE_URL_PROPERTY, base);
        return Map.of(
                "quarkus.oidc.auth-server-url", base + "/realms/" + PLATFORM,
                "quarkus.oidc.token.issuer", base + "/realms/" + PLATFORM,
                // tenant issuers of the tests are realms of this loopback http server (native ITs run in prod profile)
                "scrm.tenant-issuers.allow-loopback-http", "true",
                "scrm.outbound.allow-private-addresses", "true",
                "scrm.outbound.allow-http", "true",
                BASE_URL_PROPERTY, base);
    }

    /** How many introspection requests the provider has received since it started (all realms). */
    public static int introspectionCalls() {
        return current.countRequestsMatching(postRequestedFor(urlPathMatching(".*/token/introspect")).build()).getCount();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
