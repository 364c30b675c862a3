package org.socialcrm.tenancy;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

import io.agroal.api.AgroalDataSource;
import io.quarkus.flyway.runtime.QuarkusFlywayClassProvider;
import io.quarkus.flyway.runtime.QuarkusFlywayResourceProvider;
import io.quarkus.flyway.runtime.QuarkusPathLocationScanner;

/** Flyway over JDBC: the control-plane migration set, and the tenant set applied to one tenant schema. */
@ApplicationScoped
public class SchemaMigrator {

    static final String CONTROL_SCHEMA = "control";
    static final String CONTROL_LOCATION = "classpath:db/control";
    static final String TENANT_LOCATION = "classpath:db/tenant";
    private final AgroalDataSource dataSource;
    private final SchemaSharding sharding;
    private final MigrationChecksums checksums;
    private final boolean tenantInOneTransaction;

    public SchemaMigrator(AgroalDataSource dataSource, SchemaSharding sharding, MigrationChecksums checksums, TenancyConfig config) {
        this.dataSource = dataSource;
        this.sharding = sharding;
        this.checksums = checksums;
        this.tenantInOneTransaction = config.migrateInOneTransaction();
    }

    public void migrateControlPlane() {
        sharding.ensureControlSchema();
        flyway(CONTROL_SCHEMA, CONTROL_LOCATION).load().migrate();
    }

    /** Migrates one tenant schema, creating it if needed; returns the schema's version afterwards. */
    public String migrateTenant(String schema) {
        if (!TenantSlug.isTenantSchema(schema)) {
            throw new IllegalArgumentException("not a tenant schema name");
        }
        sharding.ensureTenantSchema(schema);
        checksums.repair(schema);
        MigrateResult result = flyway(schema, TENANT_LOCATION).group(tenantInOneTransaction).load().migrate();
        return result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
    }

    /** The newest version in the tenant migration set, so that up-to-date tenants can be skipped at start-up. */
    public String latestTenantVersion() {
        MigrationInfo[] all = withQuarkusScanner(Flyway.configure().dataSource(dataSource).locations(TENANT_LOCATION)
                .schemas("t_version_probe").createSchemas(false), TENANT_LOCATION).load().info().all();
        return all.length == 0 ? null : all[all.length - 1].getVersion().getVersion();
    }

    private FluentConfiguration flyway(String schema, String location) {
        return withQuarkusScanner(Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations(location)
                .table("flyway_schema_history"), location);
    }

    /**
     * Finds migrations through the list Quarkus indexes at build time (quarkus.flyway.locations), as Quarkus' own
     * Flyway does: classpath scanning is unavailable in a native executable.
     */
    private static FluentConfiguration withQuarkusScanner(FluentConfiguration configuration, String location) {
        QuarkusPathLocationScanner scanner = new QuarkusPathLocationScanner(configuration, List.of(new Location(location)));
        return configuration.javaMigrationClassProvider(new QuarkusFlywayClassProvider<>(scanner.scanForClasses()))
                .resourceProvider(new QuarkusFlywayResourceProvider(scanner.scanForResources()));
    }
}
