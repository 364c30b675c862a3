package org.socialcrm.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.OidcTestServer;
import org.socialcrm.support.StatementCounts;
import org.socialcrm.support.TestKeys;
import org.socialcrm.support.Tokens;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 19 point 4: unauthenticated requests cost nothing. A bad bearer with a made-up X-Tenant-ID is refused (401)
 * without a control-plane query (tenant issuers come from an in-memory snapshot) and without asking the identity
 * provider (JWTs only, no introspection).
 */
@QuarkusTest
class UnauthenticatedCostTest {

    static final String QUERY = "{ contacts { edges { node { id } } } }";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void garbageBearersWithRandomTenantsCostNoQueryAndNoIntrospection() throws SQLException {
        // warm-up: the platform issuer's discovery and JWKS are fetched once, whatever the token
        GraphQLClient.as("warm-up").tenant(randomSlug()).post(QUERY, Map.of()).then().statusCode(401);
        long queriesBefore = controlPlaneQueries();
        int introspectionsBefore = OidcTestServer.introspectionCalls();

        String tenantIssuerClaim = "{\"iss\":\"" + Tokens.issuerOf(OidcTestServer.TENANT_IDP) + "\",\"aud\":\"scrm-api\"}";
        for (int i = 0; i < 200; i++) {
            String bearer = switch (i % 4) {
                case 0 -> "garbage-" + UUID.randomUUID();
                case 1 -> base64("{\"alg\":\"RS256\"}") + "." + base64("{\"sub\":\"" + i + "\"}") + "." + base64("no signature");
                case 2 -> Tokens.user().tenants("lumen-cosmetics").roles("crm-admin")
                        .signedWith(TestKeys.privateKey(OidcTestServer.ROGUE), OidcTestServer.PLATFORM).sign();
                default -> base64("{\"alg\":\"RS256\",\"kid\":\"tenant-idp\"}") + "." + base64(tenantIssuerClaim) + "." + base64("forged");
            };
            GraphQLClient.as(bearer).tenant(randomSlug()).post(QUERY, Map.of()).then().statusCode(401);
        }

        assertEquals("0 introspection calls, 0 control-plane queries", (OidcTestServer.introspectionCalls() - introspectionsBefore)
                + " introspection calls, " + (controlPlaneQueries() - queriesBefore) + " control-plane queries");

        // the count does see a control-plane lookup: a valid token naming an unknown tenant costs one
        GraphQLClient.as(Tokens.tenantUser("lumen-cosmetics", "crm-admin")).tenant(randomSlug()).run(QUERY);
        assertTrue(controlPlaneQueries() - queriesBefore >= 1, "a verified caller's unknown tenant is looked up");
    }

    private static String randomSlug() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Statements on the control plane's tenant and agency tables, but for the periodic ones (metrics gauges, the
     * tenant-issuer snapshot) that no request triggers.
     */
    private long controlPlaneQueries() throws SQLException {
        return StatementCounts.calls(dataSource, """
                (query ilike '%control.tenant%' or query ilike '%control.agency%')
                  and query not ilike '%pg_stat_statements%'
                  and query not ilike '%group by status%'
                  and query not ilike '%where oidc_issuer is not null%'""");
    }
}
