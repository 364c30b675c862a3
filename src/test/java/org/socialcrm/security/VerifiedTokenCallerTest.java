package org.socialcrm.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;

/**
 * Issue 18: the caller of a verified token is read from its claims once, when the token is verified, and kept in the
 * token's {@link VerifiedTokenCache} entry; every hit of that entry gets it, and no other token, nor the same token
 * verified under another OIDC configuration, ever does.
 */
@QuarkusTest
class VerifiedTokenCallerTest {

    @Inject
    CallerFactory callers;

    private static final AuthConfig.TokenCache ON = new AuthConfig.TokenCache() {
        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public int maxSize() {
            return 100;
        }

        @Override
        public Duration maxAge() {
            return Duration.ofMinutes(5);
        }
    };

    static SecurityIdentity verified(String subject, String tenants, String oidcTenant) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject(subject);
        claims.setClaim("tenants", List.of(tenants));
        claims.setClaim("realm_access", Map.of("roles", List.of("platform-admin", "crm-admin")));
        claims.setClaim("scope", "contacts:read");
        claims.setExpirationTime(NumericDate.fromSeconds(System.currentTimeMillis() / 1000 + 600));
        String raw = "raw-token-of-" + subject;
        return QuarkusSecurityIdentity.builder().setPrincipal(new DefaultJWTCallerPrincipal(raw, "JWT", claims))
                .addCredential(new AccessTokenCredential(raw)).addAttribute(CallerFactory.OIDC_TENANT_ATTRIBUTE, oidcTenant).build();
    }

    @Test
    void aTokensCallerIsReadOnceAndServedWithItsOwnEntryOnly() {
        VerifiedTokenCache cache = new VerifiedTokenCache(ON, Clock.systemUTC(), callers);
        cache.remember(verified("ada", "lumen-cosmetics", "Default"));
        cache.remember(verified("bob", "acme-outdoor", "Default"));
        assertEquals(2, cache.size(), "both verified tokens are kept");

        Caller ada = callers.from(cache.find("Default", "raw-token-of-ada", null));
        assertEquals("ada", ada.subject());
        assertEquals(Set.of("lumen-cosmetics"), ada.tenantSlugs());
        assertEquals(Set.of(Role.PLATFORM_ADMIN, Role.CRM_ADMIN), ada.roles());
        assertSame(ada, callers.from(cache.find("Default", "raw-token-of-ada", null)),
                "the next request of the token gets the caller read when it was verified");

        Caller bob = callers.from(cache.find("Default", "raw-token-of-bob", null));
        assertNotSame(ada, bob);
        assertEquals("bob", bob.subject());
        assertEquals(Set.of("acme-outdoor"), bob.tenantSlugs(), "nothing of ada's caller in another token's");

        assertNull(cache.find(OidcTenants.idFor("lumen-cosmetics"), "raw-token-of-ada", null),
                "under another OIDC configuration the token is verified (and its caller read) again");
    }

    @Test
    void underATenantsOwnIssuerTheCallerKeptIsTheConfinedOne() {
        VerifiedTokenCache cache = new VerifiedTokenCache(ON, Clock.systemUTC(), callers);
        String own = OidcTenants.idFor("lumen-cosmetics");
        cache.remember(verified("cy", "acme-outdoor", own));
        Caller cy = callers.from(cache.find(own, "raw-token-of-cy", null));
        assertEquals("lumen-cosmetics", cy.ownIssuerTenant());
        assertEquals(Set.of(Role.CRM_ADMIN), cy.roles(), "a tenant issuer's platform roles do not count");
        assertEquals(Set.of(), cy.tenantSlugs(), "nor its tenants claim");
        assertSame(cy, callers.from(cache.find(own, "raw-token-of-cy", null)));
    }
}
