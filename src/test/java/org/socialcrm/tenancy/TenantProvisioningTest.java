package org.socialcrm.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialcrm.common.BadUserInputException;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.Tokens;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class TenantProvisioningTest {

    static final String CREATE_TENANT = """
            mutation($input: CreateTenantInput!) { createTenant(input: $input) { id slug name kind agency { id name } } }""";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    TenancyStartup startup;
    @Inject
    TenantProvisioner provisioner;
    @Inject
    TenantIssuerPolicy issuerPolicy;

    @Test
    void tenantFilesProvisionOneSchemaEach() throws SQLException {
        List<String> schemas = strings("select schema_name from information_schema.schemata where schema_name like 't\\_%' order by 1");
        assertTrue(schemas.containsAll(List.of("t_acme_outdoor", "t_bluepeak_coffee", "t_greenway_2026", "t_lumen_cosmetics")), schemas.toString());
        assertEquals(List.of("contact"), strings("select table_name from information_schema.tables where table_schema = 't_lumen_cosmetics' and table_name = 'contact'"));
        assertEquals(List.of("ACTIVE"), strings("select status from control.tenant where slug = 'acme-outdoor'"));
        assertEquals(List.of("northwind"), strings("select l.agency_id from control.agency_tenant l join control.tenant t on t.id = l.tenant_id where t.slug = 'bluepeak-coffee'"));
        assertEquals(List.of("[\"unaware\", \"aware\", \"supporter\", \"volunteer\", \"donor\", \"advocate\"]"),
                strings("select jsonb_path_query_array(lifecycle_stages, '$[*].key')::text from control.tenant where slug = 'greenway-2026'"));
    }

    @Test
    void aSecondReconcileChangesNothing() throws Exception {
        String before = strings("select string_agg(slug || '@' || updated_at || '@' || schema_version, ',' order by slug) from control.tenant").get(0);
        int migrations = count("select count(*) from t_lumen_cosmetics.flyway_schema_history");

        TenantProvisioner.ReconcileReport report = startup.reconcileFiles();

        assertTrue(report.changedNothing(), report.toString());
        assertTrue(report.unchanged().containsAll(List.of("acme-outdoor", "bluepeak-coffee", "greenway-2026", "lumen-cosmetics")));
        assertEquals(before, strings("select string_agg(slug || '@' || updated_at || '@' || schema_version, ',' order by slug) from control.tenant").get(0));
        assertEquals(migrations, count("select count(*) from t_lumen_cosmetics.flyway_schema_history"));
    }

    /** A tenant's migrations apply in one transaction (scrm.tenancy.migrate-in-one-transaction): one install time. */
    @Test
    void aTenantsMigrationsApplyInOneTransaction() throws SQLException {
        String history = "from t_lumen_cosmetics.flyway_schema_history where type = 'SQL'";
        assertTrue(count("select count(*) " + history) > 1);
        assertEquals(1, count("select count(distinct installed_on) " + history));
    }

    @Test
    void badSlugsAreRefused() {
        for (String bad : List.of("ab", "Upper", "1starts-with-digit", "has_underscore", "trailing-", "double--dash",
                "control", "public", "pg-catalog", "x'; drop schema control; --", "a".repeat(41), "")) {
            assertFalse(TenantSlug.isValid(bad), bad);
            assertThrows(BadUserInputException.class, () -> TenantSlug.require(bad), bad);
        }
        for (String good : List.of("abc", "acme-outdoor", "greenway-2026", "a".repeat(40))) {
            assertTrue(TenantSlug.isValid(good), good);
        }
    }

    @Test
    void badTenantFilesAreRefusedAndNothingIsCreated() throws Exception {
        Path dir = Files.createTempDirectory("tenants");
        Files.writeString(dir.resolve("Bad_Slug.yaml"), "slug: Bad_Slug\nname: Bad\nkind: BRAND\n");
        Files.writeString(dir.resolve("wrong-name.yaml"), "slug: other-name\nname: Mismatch\nkind: BRAND\n");
        Files.writeString(dir.resolve("bad-kind.yaml"), "slug: bad-kind\nname: Kind\nkind: CHARITY\n");
        Files.writeString(dir.resolve("bad-stages.yaml"), "slug: bad-stages\nname: S\nkind: BRAND\nlifecycleStages: [lead, lead]\n");
        TenantFileReader.Result result = TenantFileReader.readDirectory(dir, issuerPolicy);
        assertEquals(0, result.definitions().size());
        assertEquals(4, result.rejected().size(), result.rejected().toString());
        assertEquals(0, count("select count(*) from control.tenant where slug in ('other-name', 'bad-kind', 'bad-stages')"));
    }

    @Test
    void createTenantProvisionsASchemaAndRefusesBadInput() throws SQLException {
        GraphQLClient platform = GraphQLClient.as(Tokens.user().roles("platform-admin").sign());
        JsonPath created = platform.ok(CREATE_TENANT, Map.of("input", Map.of("slug", "provisioned-brand", "name", "Provisioned",
                "kind", "BRAND", "lifecycleStages", List.of("cold", "warm", "hot"))));
        assertEquals("provisioned-brand", created.getString("data.createTenant.slug"));
        assertEquals(1, count("select count(*) from information_schema.tables where table_schema = 't_provisioned_brand' and table_name = 'contact'"));

        JsonPath again = platform.run(CREATE_TENANT, Map.of("input", Map.of("slug", "provisioned-brand", "name", "Again", "kind", "BRAND")));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(again));
        assertEquals("slug", again.getString("errors[0].extensions.field"));

        JsonPath injected = platform.run(CREATE_TENANT, Map.of("input", Map.of("slug", "x\"; drop schema control cascade; --", "name", "Evil", "kind", "BRAND")));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(injected));
        assertEquals(1, count("select count(*) from information_schema.schemata where schema_name = 'control'"));
    }

    @Test
    void onlyPlatformAndOwnAgencyAdminsCreateTenants() {
        GraphQLClient crmAdmin = GraphQLClient.as(Tokens.tenantUser("lumen-cosmetics", "crm-admin"));
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(crmAdmin.run(CREATE_TENANT,
                Map.of("input", Map.of("slug", "not-allowed", "name", "No", "kind", "BRAND")))));

        GraphQLClient agencyAdmin = GraphQLClient.as(Tokens.user().agency("northwind").roles("agency-admin").sign());
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(agencyAdmin.run(CREATE_TENANT,
                Map.of("input", Map.of("slug", "other-agency-client", "name", "No", "kind", "CLIENT", "agencyId", "someone-else")))));
        JsonPath created = agencyAdmin.ok(CREATE_TENANT, Map.of("input", Map.of("slug", "northwind-new-client", "name", "New", "kind", "CLIENT")));
        assertEquals("northwind", created.getString("data.createTenant.agency.id"));
        assertEquals("Northwind Digital", created.getString("data.createTenant.agency.name"));
        // the new client is reachable by the agency at once
        agencyAdmin.tenant("northwind-new-client").ok("{ contacts { edges { node { id } } } }");
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private int count(String sql) throws SQLException {
        return Integer.parseInt(strings(sql).get(0));
    }
}
