package org.socialcrm.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Issue 19 point 2 for tenant issuers: an issuer is an admin-configured URL that the service calls (discovery, JWKS),
 * so it passes the outbound policy where it is accepted (createTenant, tenant files). The refusal of private addresses
 * itself is shown by OutboundPolicyTest (tests allow them, to reach the local OIDC server).
 */
@QuarkusTest
class TenantIssuerOutboundTest {

    static final String CREATE_TENANT = """
            mutation($input: CreateTenantInput!) { createTenant(input: $input) { id slug } }""";

    @Inject
    TenantIssuerPolicy issuerPolicy;
    @Inject
    TenantDirectory directory;

    @Test
    void createTenantRefusesAnIssuerTheOutboundPolicyRefuses() {
        GraphQLClient platform = GraphQLClient.as(Tokens.user().roles("platform-admin").sign());
        for (String issuer : new String[] { "https://admin:secret@idp.example/realms/acme", "https://idp.example:99999/realms" }) {
            JsonPath refused = platform.run(CREATE_TENANT, Map.of("input", Map.of("slug", "issuer-refused", "name", "Refused",
                    "kind", "BRAND", "oidcIssuer", issuer)));
            assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(refused), issuer);
            assertEquals("oidcIssuer", refused.getString("errors[0].extensions.field"));
        }
        assertTrue(directory.bySlug("issuer-refused").await().indefinitely().isEmpty(), "nothing was created");
    }

    @Test
    void aTenantFileWithARefusedIssuerIsLeftOut() {
        // tenant files are read through the same policy (TenantFileReader.readDirectory(dir, policy))
        assertTrue(issuerPolicy.problem("https://user@idp.example/realms/acme").isPresent());
        assertTrue(issuerPolicy.problem("https://idp.example:99999/realms").isPresent());
        assertTrue(issuerPolicy.problem("https://idp.example/realms/acme").isEmpty());
    }
}
