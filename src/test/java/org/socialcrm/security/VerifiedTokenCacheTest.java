package org.socialcrm.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.OidcTestServer;
import org.socialcrm.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 18 point 3: a token verified once is served from {@link VerifiedTokenCache} until it expires, while a token
 * changed in any way, an expired one, or one that another OIDC configuration would have to verify is verified by
 * quarkus-oidc again and refused.
 */
@QuarkusTest
class VerifiedTokenCacheTest {

    static final String TENANT = "lumen-cosmetics";
    static final String OTHER_TENANT = "acme-outdoor";
    static final String ME = "{ me { subject tenants { slug } } }";
    static final String CONTACTS = "{ contacts(first: 1) { edges { node { id } } } }";

    @Inject
    VerifiedTokenCache cache;

    @Test
    void aVerifiedTokenIsServedFromTheCacheWithItsOwnClaims() {
        String token = Tokens.user().subject("cached-ada").tenants(TENANT).roles("crm-viewer").sign();
        long hits = cache.hits();
        for (int i = 0; i < 3; i++) {
            var me = GraphQLClient.as(token).tenant(TENANT).ok(ME);
            assertEquals("cached-ada", me.getString("data.me.subject"));
        }
        assertEquals(hits + 2, cache.hits(), "the second and third requests are served from the cache");
        // another subject's token is its own entry: nothing of ada's identity leaks into it
        String other = Tokens.user().subject("cached-bob").tenants(OTHER_TENANT).roles("crm-viewer").sign();
        assertEquals("cached-bob", GraphQLClient.as(other).tenant(OTHER_TENANT).ok(ME).getString("data.me.subject"));
        assertEquals("cached-bob", GraphQLClient.as(other).tenant(OTHER_TENANT).ok(ME).getString("data.me.subject"));
        // and a cached token still reaches only its own tenants
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(GraphQLClient.as(token).tenant(OTHER_TENANT).run(CONTACTS)));
    }

    @Test
    void aTamperedCopyOfACachedTokenIsRefused() {
        String token = Tokens.user().tenants(TENANT).roles("crm-viewer").sign();
        GraphQLClient.as(token).tenant(TENANT).ok(ME);
        GraphQLClient.as(token).tenant(TENANT).ok(ME);
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"" + TENANT + "\"", "\"" + TENANT + "\",\"" + OTHER_TENANT + "\"")
                .replace("crm-viewer", "crm-admin");
        String claimsChanged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        char last = parts[2].charAt(parts[2].length() - 2);
        String signatureChanged = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
                + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1);
        for (String tampered : new String[] { claimsChanged, signatureChanged, token + "x" }) {
            GraphQLClient.as(tampered).tenant(OTHER_TENANT).post(CONTACTS, Map.of()).then().statusCode(401);
            GraphQLClient.as(tampered).tenant(TENANT).post(ME, Map.of()).then().statusCode(401);
        }
        GraphQLClient.as(token).tenant(TENANT).ok(ME); // the original stays good
    }

    @Test
    void aCachedTokenIsRefusedOnceItExpires() throws InterruptedException {
        GraphQLClient.as(Tokens.tenantUser(TENANT, "crm-viewer")).tenant(TENANT).ok(ME); // a first request can be slow
        Instant expiry = Instant.now().plusSeconds(20); // room for two requests on a loaded machine
        String token = Tokens.user().tenants(TENANT).roles("crm-viewer").expiresAt(expiry).sign();
        GraphQLClient.as(token).tenant(TENANT).ok(ME);
        long hits = cache.hits();
        GraphQLClient.as(token).tenant(TENANT).ok(ME);
        assertEquals(hits + 1, cache.hits(), "cached while it is valid");
        while (!Instant.now().isAfter(expiry.plusMillis(1100))) {
            Thread.sleep(200);
        }
        GraphQLClient.as(token).tenant(TENANT).post(ME, Map.of()).then().statusCode(401);
    }

    @Test
    void aTokenVerifiedByATenantsOwnIssuerIsNotReusedForAnotherTenant() {
        String slug = "cache-idp-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        GraphQLClient.as(Tokens.user().roles("platform-admin").sign()).ok(
                "mutation($i: CreateTenantInput!) { createTenant(input: $i) { slug } }",
                Map.of("i", Map.of("slug", slug, "name", "Cache IdP", "kind", "BRAND", "oidcIssuer", Tokens.issuerOf(OidcTestServer.SHARED_IDP))));
        // the shared issuer's token names its tenant; verified under that tenant's own configuration and cached there
        String token = Tokens.user().realm(OidcTestServer.SHARED_IDP).tenants(slug, TENANT).roles("crm-admin").sign();
        GraphQLClient.as(token).tenant(slug).ok(ME);
        GraphQLClient.as(token).tenant(slug).ok(ME);
        long size = cache.size();
        assertTrue(size > 0);
        // sent for another tenant the platform configuration must verify it, and refuses its issuer
        GraphQLClient.as(token).tenant(TENANT).post(CONTACTS, Map.of()).then().statusCode(401);
        GraphQLClient.as(token).tenant(TENANT).post(CONTACTS, Map.of()).then().statusCode(401);
    }
}
