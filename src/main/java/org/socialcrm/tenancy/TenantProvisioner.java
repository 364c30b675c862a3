package org.socialcrm.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;


import io.agroal.api.AgroalDataSource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Writes tenants into the control plane and brings their schemas up to date. Blocking (JDBC and Flyway):
 * called at start-up and from worker threads.
 */
@ApplicationScoped
public class TenantProvisioner {

    private static final Logger LOG = Logger.getLogger(TenantProvisioner.class);

    private final AgroalDataSource dataSource;
    private final SchemaMigrator migrator;
    private final TenantDirectory directory;
    private final TenantIssuers issuers;

    public TenantProvisioner(AgroalDataSource dataSource, SchemaMigrator migrator, TenantDirectory directory, TenantIssuers issuers) {
        this.dataSource = dataSource;
        this.migrator = migrator;
        this.directory = directory;
        this.issuers = issuers;
    }

    public enum Change {
        CREATED, UPDATED, UNCHANGED
    }

    /** What a reconcile did: per tenant whether its row changed, and how many schemas were migrated. */
    public record ReconcileReport(List<String> created, List<String> updated, List<String> unchanged,
            List<String> migrated, List<String> failed) {
        public boolean changedNothing() {
            return created.isEmpty() && updated.isEmpty() && migrated.isEmpty();
        }
    }

    /** Upserts the agency and tenant rows of one definition; never touches data in the tenant schema. */
    public Change upsert(TenantDefinition def, String source) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            if (def.agencyId() != null) {
                try (PreparedStatement ps = c.prepareStatement(
                        "insert into control.agency (id, name) values (?, ?) on conflict (id) do update set name = excluded.name "
                                + "where ? is not null and control.agency.name is distinct from excluded.name")) {
                    ps.setString(1, def.agencyId());
                    ps.setString(2, def.agencyName() != null ? def.agencyName() : def.agencyId());
                    ps.setString(3, def.agencyName());
                    ps.executeUpdate();
                }
            }
            String stages = stagesJson(def.lifecycleStages());
            Change change;
            Long id;
            try (PreparedStatement ps = c.prepareStatement(
                    "select id, name, kind, agency_id, lifecycle_stages::text, oidc_issuer from control.tenant where slug = ? for update")) {
                ps.setString(1, def.slug());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        id = null;
                        change = Change.CREATED;
                    } else {
                        id = rs.getLong(1);
                        boolean same = rs.getString(2).equals(def.name()) && rs.getString(3).equals(def.kind().name())
                                && Objects.equals(rs.getString(4), def.agencyId())
                                && new JsonArray(rs.getString(5)).equals(new JsonArray(stages))
                                && Objects.equals(rs.getString(6), def.oidcIssuer());
                        change = same ? Change.UNCHANGED : Change.UPDATED;
                    }
                }
            }
            if (change == Change.CREATED) {
                try (PreparedStatement ps = c.prepareStatement(
                        "insert into control.tenant (slug, name, kind, agency_id, schema_name, lifecycle_stages, oidc_issuer, source) "
                                + "values (?, ?, ?, ?, ?, ?::jsonb, ?, ?) returning id")) {
                    ps.setString(1, def.slug());
                    ps.setString(2, def.name());
                    ps.setString(3, def.kind().name());
                    ps.setString(4, def.agencyId());
                    ps.setString(5, def.schema());
                    ps.setString(6, stages);
                    ps.setString(7, def.oidcIssuer());
                    ps.setString(8, source);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        id = rs.getLong(1);
                    }
                }
            } else if (change == Change.UPDATED) {
                try (PreparedStatement ps = c.prepareStatement(
                        "update control.tenant set name = ?, kind = ?, agency_id = ?, lifecycle_stages = ?::jsonb, oidc_issuer = ?, "
                                + "updated_at = now() where id = ?")) {
                    ps.setString(1, def.name());
                    ps.setString(2, def.kind().name());
                    ps.setString(3, def.agencyId());
                    ps.setString(4, stages);
                    ps.setString(5, def.oidcIssuer());
                    ps.setLong(6, id);
                    ps.executeUpdate();
                }
            }
            if (def.agencyId() != null) {
                try (PreparedStatement ps = c.prepareStatement(
                        "insert into control.agency_tenant (agency_id, tenant_id) values (?, ?) on conflict do nothing")) {
                    ps.setString(1, def.agencyId());
                    ps.setLong(2, id);
                    ps.executeUpdate();
                }
            }
            c.commit();
            directory.invalidate(def.slug());
            return change;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write tenant " + def.slug() + " to the control plane", e);
        }
    }

    /** The stages as stored in control.tenant.lifecycle_stages, built without reflection (native-friendly). */
    static String stagesJson(List<LifecycleStageDefinition> stages) {
        JsonArray array = new JsonArray();
        stages.forEach(stage -> array.add(new JsonObject().put("key", stage.key()).put("label", stage.label())));
        return array.encode();
    }

    /** Migrates one tenant's schema and records the outcome; a failure marks only that tenant. */
    public boolean migrate(String slug, String schema) {
        try {
            String version = migrator.migrateTenant(schema);
            update("update control.tenant set status = 'ACTIVE', schema_version = ?, migration_error = null, updated_at = now() "
                    + "where slug = ? and (status <> 'ACTIVE' or schema_version is distinct from ?)", version, slug, version);
            return true;
        } catch (RuntimeException e) {
            LOG.errorf(e, "Migration of tenant %s failed; the tenant is marked MIGRATION_FAILED, the others go on", slug);
            update("update control.tenant set status = 'MIGRATION_FAILED', migration_error = ?, updated_at = now() where slug = ?",
                    String.valueOf(e.getMessage()), slug);
            return false;
        } finally {
            directory.invalidate(slug);
        }
    }

    /** Upserts and migrates one tenant now (createTenant). */
    public boolean provision(TenantDefinition def, String source) {
        upsert(def, source);
        issuers.refresh();
        return migrate(def.slug(), def.schema());
    }

    /**
     * Makes the control plane match the definition files, then migrates every tenant schema that is not at the
     * newest version (file-declared and API-created alike), with bounded parallelism. Idempotent.
     */
    public ReconcileReport reconcile(List<TenantDefinition> definitions, int parallelism) {
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (TenantDefinition def : definitions) {
            switch (upsert(def, "file")) {
                case CREATED -> created.add(def.slug());
                case UPDATED -> updated.add(def.slug());
                case UNCHANGED -> unchanged.add(def.slug());
            }
        }
        issuers.refresh();
        List<String[]> stale = staleTenants(migrator.latestTenantVersion());
        List<String> migrated = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism));
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (String[] tenant : stale) {
                results.add(pool.submit(() -> migrate(tenant[0], tenant[1])));
            }
            for (int i = 0; i < stale.size(); i++) {
                (results.get(i).get() ? migrated : failed).add(stale.get(i)[0]);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while migrating tenants", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Tenant migration failed unexpectedly", e.getCause());
        } finally {
            pool.shutdown();
        }
        return new ReconcileReport(created, updated, unchanged, migrated, failed);
    }

    private List<String[]> staleTenants(String latestVersion) {
        List<String[]> stale = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select slug, schema_name from control.tenant "
                        + "where status <> 'SUSPENDED' and (status <> 'ACTIVE' or schema_version is distinct from ?) order by id")) {
            ps.setString(1, latestVersion);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stale.add(new String[] { rs.getString(1), rs.getString(2) });
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list tenants to migrate", e);
        }
        return stale;
    }

    private void update(String sql, String... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not update the control plane", e);
        }
    }
}
