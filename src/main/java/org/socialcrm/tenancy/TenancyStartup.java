package org.socialcrm.tenancy;

import java.io.IOException;
import java.nio.file.Path;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;

/**
 * At start-up: migrates the control plane, reconciles tenants/*.yaml with it, and brings every tenant schema to
 * the newest version. Readiness turns up once this is done.
 */
@Singleton
public class TenancyStartup {

    private static final Logger LOG = Logger.getLogger(TenancyStartup.class);

    private final SchemaMigrator migrator;
    private final TenantProvisioner provisioner;
    private final TenancyConfig config;
    private final TenantIssuerPolicy issuerPolicy;
    private final MigrationJobConfig migrationJob;
    private volatile boolean ready;
    private volatile TenantProvisioner.ReconcileReport lastReport;

    public TenancyStartup(SchemaMigrator migrator, TenantProvisioner provisioner, TenancyConfig config,
            TenantIssuerPolicy issuerPolicy, MigrationJobConfig migrationJob) {
        this.migrator = migrator;
        this.provisioner = provisioner;
        this.config = config;
        this.issuerPolicy = issuerPolicy;
        this.migrationJob = migrationJob;
    }

    void onStart(@Observes @Priority(10) StartupEvent event) throws IOException {
        long started = System.nanoTime();
        migrator.migrateControlPlane();
        TenantProvisioner.ReconcileReport report = reconcileFiles();
        LOG.infof("Tenants reconciled in %d ms: %d created, %d updated, %d unchanged, %d schemas migrated, %d failed",
                (System.nanoTime() - started) / 1_000_000, report.created().size(), report.updated().size(),
                report.unchanged().size(), report.migrated().size(), report.failed().size());
        ready = true;
        if (migrationJob.only()) {
            LOG.info("Migrate-only run finished: exiting");
            Quarkus.asyncExit(report.failed().isEmpty() ? 0 : 1);
        }
    }

    /** Reads the tenant files again and reconciles; idempotent (also used by tests). */
    public TenantProvisioner.ReconcileReport reconcileFiles() throws IOException {
        TenantFileReader.Result files = TenantFileReader.readDirectory(Path.of(config.directory()), issuerPolicy);
        files.rejected().forEach(r -> LOG.errorf("Tenant file %s refused: %s", r.file(), r.reason()));
        lastReport = provisioner.reconcile(files.definitions(), config.migrationParallelism());
        return lastReport;
    }

    public boolean ready() {
        return ready;
    }

    public TenantProvisioner.ReconcileReport lastReport() {
        return lastReport;
    }
}
