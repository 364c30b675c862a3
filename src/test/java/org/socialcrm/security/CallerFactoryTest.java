package org.socialcrm.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;

/**
 * Issue 18 lead (c): a token's caller is read from its claims once and kept with its principal (which the verified-token
 * cache hands to every request of the token), never served for another principal or for the same principal verified
 * under another OIDC configuration (a tenant's own issuer, whose platform roles and tenants claim do not count).
 */
@QuarkusTest
class CallerFactoryTest {

    @Inject
    CallerFactory callers;

    static DefaultJWTCallerPrincipal principal(String subject) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject(subject);
        claims.setClaim("tenants", List.of("lumen-cosmetics", "acme-outdoor"));
        claims.setClaim("realm_access", Map.of("roles", List.of("platform-admin", "crm-admin")));
        claims.setClaim("scope", "contacts:read metrics:write");
        return new DefaultJWTCallerPrincipal("raw-" + subject, claims);
    }

    static SecurityIdentity identity(DefaultJWTCallerPrincipal principal, String oidcTenant) {
        return QuarkusSecurityIdentity.builder().setPrincipal(principal).addAttribute(CallerFactory.OIDC_TENANT_ATTRIBUTE, oidcTenant)
                .build();
    }

    @Test
    void aTokensCallerIsReadOnceAndKeptWithItsPrincipal() {
        DefaultJWTCallerPrincipal ada = principal("ada");
        Caller first = callers.from(identity(ada, "Default"));
        assertEquals("ada", first.subject());
        assertEquals(Set.of(Role.PLATFORM_ADMIN, Role.CRM_ADMIN), first.roles());
        assertEquals(Set.of("lumen-cosmetics", "acme-outdoor"), first.tenantSlugs());
        assertEquals(Set.of("contacts:read", "metrics:write"), first.scopes());
        // the next request of the same token (a new identity around the same principal) gets the caller already read
        assertSame(first, callers.from(identity(ada, "Default")));
        // another token, with the same claims but its own principal, is read for itself
        Caller bob = callers.from(identity(principal("bob"), "Default"));
        assertEquals("bob", bob.subject());
        assertNotSame(first, bob);
    }

    @Test
    void theSamePrincipalUnderATenantsOwnIssuerIsReadAgainAndConfined() {
        DefaultJWTCallerPrincipal cy = principal("cy");
        Caller platform = callers.from(identity(cy, "Default"));
        assertTrue(platform.has(Role.PLATFORM_ADMIN));
        Caller own = callers.from(identity(cy, OidcTenants.idFor("lumen-cosmetics")));
        assertEquals("lumen-cosmetics", own.ownIssuerTenant());
        assertEquals(Set.of(Role.CRM_ADMIN), own.roles(), "a tenant issuer's platform roles do not count");
        assertEquals(Set.of(), own.tenantSlugs(), "nor its tenants claim");
        assertTrue(callers.from(identity(cy, "Default")).has(Role.PLATFORM_ADMIN));
    }
}
