package org.socialcrm.tenancy;

import jakarta.enterprise.context.ApplicationScoped;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

import io.agroal.api.AgroalDataSource;

/** Flyway over JDBC: the control-plane migration set, and the tenant set applied to one tenant schema. */
@ApplicationScoped
public class SchemaMigrator {

    static final String CONTROL_SCHEMA = "control";
    private final AgroalDataSource dataSource;

    public SchemaMigrator(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void migrateControlPlane() {
        flyway(CONTROL_SCHEMA, "classpath:db/control").migrate();
    }

    /** Migrates one tenant schema, creating it if needed; returns the schema's version afterwards. */
    public String migrateTenant(String schema) {
        if (!TenantSlug.isTenantSchema(schema)) {
            throw new IllegalArgumentException("not a tenant schema name");
        }
        MigrateResult result = flyway(schema, "classpath:db/tenant").migrate();
        return result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
    }

    /** The newest version in the tenant migration set, so that up-to-date tenants can be skipped at start-up. */
    public String latestTenantVersion() {
        MigrationInfo[] all = Flyway.configure().dataSource(dataSource).locations("classpath:db/tenant")
                .schemas("t_version_probe").createSchemas(false).load().info().all();
        return all.length == 0 ? null : all[all.length - 1].getVersion().getVersion();
    }

    private Flyway flyway(String schema, String location) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations(location)
                .table("flyway_schema_history")
                .load();
    }
}
