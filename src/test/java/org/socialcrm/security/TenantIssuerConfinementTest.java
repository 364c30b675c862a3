package org.socialcrm.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.OidcTestServer;
import org.socialcrm.support.Tokens;
import org.socialcrm.tenancy.TenantFileReader;
import org.socialcrm.tenancy.TenantIssuerPolicy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Issue 19 point 1: a tenant's own identity provider is confined to that tenant. Its tokens count only tenant roles,
 * only for its tenant; their tenants and agency claims are ignored; tenant issuers are https and never the
 * platform's issuer; two tenants declaring one issuer are told apart by the token's tenants claim.
 */
@QuarkusTest
class TenantIssuerConfinementTest {

    static final String CREATE_TENANT = "mutation($i: CreateTenantInput!) { createTenant(input: $i) { slug } }";
    static final String CREATE_CONTACT = "mutation($e: String!) { createContact(input: { firstName: \"Own\", email: $e }) { id } }";
    static final String EMAILS = "{ contacts(first: 200) { edges { node { email } } } }";
    static final String OTHER_TENANT = "lumen-cosmetics";

    private static String soloTenant;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    TenantIssuerPolicy issuerPolicy;

    /** The one tenant that declares the TENANT_IDP_SOLO issuer (created once per test JVM). */
    private static synchronized String soloTenant() {
        if (soloTenant == null) {
            soloTenant = createTenant("solo-idp", OidcTestServer.TENANT_IDP_SOLO);
        }
        return soloTenant;
    }

    private static String createTenant(String prefix, String realm) {
        String slug = prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        platformAdmin().ok(CREATE_TENANT, Map.of("i", Map.of("slug", slug, "name", "Own IdP " + slug, "kind", "BRAND",
                "oidcIssuer", Tokens.issuerOf(realm))));
        return slug;
    }

    private static GraphQLClient platformAdmin() {
        return GraphQLClient.as(Tokens.user().roles("platform-admin").sign());
    }

    private static Tokens solo() {
        return Tokens.user().realm(OidcTestServer.TENANT_IDP_SOLO);
    }

    @Test
    void platformAdminFromATenantIssuerCannotCreateTenants() throws SQLException {
        String tenant = soloTenant();
        String token = solo().roles("platform-admin").sign();
        for (GraphQLClient client : List.of(GraphQLClient.as(token).tenant(tenant), GraphQLClient.as(token))) {
            String slug = "via-tenant-idp-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
            JsonPath refused = client.run(CREATE_TENANT, Map.of("i", Map.of("slug", slug, "name", "Nope", "kind", "BRAND")));
            assertEquals("FORBIDDEN", GraphQLClient.errorCode(refused), refused.prettify());
            assertEquals(0, count("select count(*) from control.tenant where slug = ?", slug));
        }
        // nor does platform-admin from it grant anything on its own tenant
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(GraphQLClient.as(token).tenant(tenant).run(EMAILS)));
    }

    @Test
    void agencyAndTenantsClaimsFromATenantIssuerAreIgnored() {
        String tenant = soloTenant();
        String token = solo().roles("crm-viewer", "platform-admin", "agency-admin").agency("northwind")
                .tenants("acme-outdoor", OTHER_TENANT).sign();
        JsonPath me = GraphQLClient.as(token).tenant(tenant).ok("{ me { roles agency { id } tenants { slug } } }");
        assertEquals(List.of(tenant), me.getList("data.me.tenants.slug"));
        assertNull(me.get("data.me.agency"));
        assertEquals(List.of("crm-viewer"), me.getList("data.me.roles"));
        assertEquals(List.of(tenant), GraphQLClient.as(token).tenant(tenant).ok("{ tenants { slug } }").getList("data.tenants.slug"));
        // the tenant header may be left out: the token is good for exactly one tenant
        assertEquals(List.of(tenant), GraphQLClient.as(token).ok("{ me { tenants { slug } } }").getList("data.me.tenants.slug"));
        // the claimed tenants stay out of reach
        for (String claimed : List.of("acme-outdoor", OTHER_TENANT)) {
            GraphQLClient.as(token).tenant(claimed).post(EMAILS, Map.of()).then().statusCode(401);
        }
    }

    @Test
    void agencyAdminFromATenantIssuerGrantsNothing() throws SQLException {
        String tenant = soloTenant();
        String token = solo().roles("agency-admin").agency("northwind").sign();
        GraphQLClient own = GraphQLClient.as(token).tenant(tenant);
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(own.run(EMAILS)));
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(own.run(CREATE_CONTACT, Map.of("e", "agency-via-idp@example.com"))));
        String slug = "northwind-via-idp-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(own.run(CREATE_TENANT,
                Map.of("i", Map.of("slug", slug, "name", "Nope", "kind", "CLIENT", "agencyId", "northwind")))));
        assertEquals(0, count("select count(*) from control.tenant where slug = ?", slug));
        // the agency's clients stay out of reach
        GraphQLClient.as(token).tenant("acme-outdoor").post(EMAILS, Map.of()).then().statusCode(401);
    }

    @Test
    void aTenantRoleFromATenantIssuerWorksOnItsTenantOnly() {
        String tenant = soloTenant();
        String token = solo().roles("crm-admin").tenants(OTHER_TENANT).sign();
        String email = "solo-" + System.nanoTime() + "@example.com";
        GraphQLClient.as(token).tenant(tenant).ok(CREATE_CONTACT, Map.of("e", email));
        assertTrue(GraphQLClient.as(token).tenant(tenant).ok(EMAILS).getList("data.contacts.edges.node.email").contains(email));

        // another tenant's data: refused before anything runs, reads and writes alike
        GraphQLClient.as(token).tenant(OTHER_TENANT).post(EMAILS, Map.of()).then().statusCode(401);
        GraphQLClient.as(token).tenant(OTHER_TENANT).post(CREATE_CONTACT, Map.of("e", "leak-" + email)).then().statusCode(401);
        List<String> other = GraphQLClient.as(Tokens.tenantUser(OTHER_TENANT, "crm-admin")).tenant(OTHER_TENANT).ok(EMAILS)
                .getList("data.contacts.edges.node.email");
        assertTrue(other.stream().noneMatch(e -> e != null && e.endsWith(email)), "nothing written in the other tenant");
        // and the other tenant's users do not see the solo tenant's contact
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(
                GraphQLClient.as(Tokens.tenantUser(OTHER_TENANT, "crm-admin")).tenant(tenant).run(EMAILS)));
    }

    @Test
    void tenantIssuersMustBeHttpsAndNotThePlatformIssuer() throws Exception {
        Map<String, String> refusedIssuers = Map.of(
                "http://idp.example.com/realms/x", "https",
                "ftp://idp.example.com/realms/x", "https",
                "http://10.0.0.5/realms/x", "https",
                Tokens.issuerOf(OidcTestServer.PLATFORM), "platform",
                Tokens.issuerOf(OidcTestServer.PLATFORM) + "/", "platform",
                Tokens.issuerOf(OidcTestServer.PLATFORM).replace("localhost", "LOCALHOST"), "platform");
        GraphQLClient platform = platformAdmin();
        int i = 0;
        for (Map.Entry<String, String> bad : refusedIssuers.entrySet()) {
            String slug = "bad-issuer-" + (i++) + "-" + Long.toString(System.nanoTime() % 1_000_000L, 36);
            JsonPath refused = platform.run(CREATE_TENANT, Map.of("i", Map.of("slug", slug, "name", "Bad", "kind", "BRAND",
                    "oidcIssuer", bad.getKey())));
            assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(refused), bad.getKey());
            assertEquals("oidcIssuer", refused.getString("errors[0].extensions.field"));
            assertTrue(refused.getString("errors[0].message").contains(bad.getValue()), refused.getString("errors[0].message"));
            assertEquals(0, count("select count(*) from control.tenant where slug = ?", slug));
        }

        Path dir = Files.createTempDirectory("tenants");
        Files.writeString(dir.resolve("plain-http-idp.yaml"), "slug: plain-http-idp\nname: H\nkind: BRAND\noidc:\n  issuer: http://idp.example.com/realms/x\n");
        Files.writeString(dir.resolve("platform-idp.yaml"), "slug: platform-idp\nname: P\nkind: BRAND\noidc:\n  issuer: "
                + Tokens.issuerOf(OidcTestServer.PLATFORM) + "\n");
        Files.writeString(dir.resolve("https-idp.yaml"), "slug: https-idp\nname: S\nkind: BRAND\noidc:\n  issuer: https://idp.example.com/realms/x\n");
        TenantFileReader.Result files = TenantFileReader.readDirectory(dir, issuerPolicy);
        assertEquals(List.of("https-idp"), files.definitions().stream().map(d -> d.slug()).toList());
        assertEquals(2, files.rejected().size(), files.rejected().toString());
        files.rejected().forEach(r -> assertTrue(r.reason().startsWith("oidcIssuer: must"), r.reason()));
    }

    @Test
    void twoTenantsWithOneIssuerAreToldApartByTheTenantsClaim() {
        String first = createTenant("shared-a", OidcTestServer.SHARED_IDP);
        String second = createTenant("shared-b", OidcTestServer.SHARED_IDP);
        String forFirst = Tokens.user().realm(OidcTestServer.SHARED_IDP).roles("crm-admin").tenants(first).sign();
        String email = "shared-" + System.nanoTime() + "@example.com";

        GraphQLClient.as(forFirst).tenant(first).ok(CREATE_CONTACT, Map.of("e", email));
        GraphQLClient.as(forFirst).tenant(second).post(EMAILS, Map.of()).then().statusCode(401);
        GraphQLClient.as(forFirst).tenant(second).post(CREATE_CONTACT, Map.of("e", "leak-" + email)).then().statusCode(401);
        // without a tenant header, the tenant its claim names
        assertEquals(List.of(first), GraphQLClient.as(forFirst).ok("{ me { tenants { slug } } }").getList("data.me.tenants.slug"));

        // naming no tenant of the issuer, the token is good for none of them
        String forNone = Tokens.user().realm(OidcTestServer.SHARED_IDP).roles("crm-admin").tenants(OTHER_TENANT).sign();
        GraphQLClient.as(forNone).tenant(first).post(EMAILS, Map.of()).then().statusCode(401);
        GraphQLClient.as(forNone).post(EMAILS, Map.of()).then().statusCode(401);

        String forSecond = Tokens.user().realm(OidcTestServer.SHARED_IDP).roles("crm-admin").tenants(second).sign();
        List<String> seen = GraphQLClient.as(forSecond).tenant(second).ok(EMAILS).getList("data.contacts.edges.node.email");
        assertTrue(seen.isEmpty(), "the second tenant holds none of the first's contacts: " + seen);
    }

    private int count(String sql, String param) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
