package org.socialcrm.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * Creates the schemas before Flyway fills them, so that on a Citus coordinator each tenant schema is a distributed
 * schema (placed whole on one worker) and the control schema is not (it stays on the coordinator, whatever
 * {@code citus.enable_schema_based_sharding} says for the server). On plain PostgreSQL the transaction-local
 * {@code citus.*} setting is an inert placeholder: the same statements run on both (docs/scale-out.md).
 */
@ApplicationScoped
public class SchemaSharding {

    private final AgroalDataSource dataSource;

    public SchemaSharding(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The control schema, created (if missing) outside schema-based sharding; undistributed if an earlier start distributed it. */
    public void ensureControlSchema() {
        ensure(SchemaMigrator.CONTROL_SCHEMA, false);
    }

    /** A tenant schema, created (if missing) as a distributed schema; distributed if it predates Citus. */
    public void ensureTenantSchema(String schema) {
        if (!TenantSlug.isTenantSchema(schema)) {
            throw new IllegalArgumentException("not a tenant schema name");
        }
        ensure(schema, true);
    }

    /** Whether the database is a Citus coordinator (the extension is installed). */
    public boolean citus() {
        try (Connection c = dataSource.getConnection()) {
            return citus(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the installed extensions", e);
        }
    }

    private void ensure(String schema, boolean distributed) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!exists(c, schema)) {
                    try (Statement st = c.createStatement()) {
                        st.execute("set local citus.enable_schema_based_sharding = " + (distributed ? "on" : "off"));
                        // the name was checked (control, or a tenant schema name: lowercase letters, digits, underscores)
                        st.execute("create schema if not exists " + schema);
                    }
                } else if (citus(c) && distributed(c, schema) != distributed) {
                    try (PreparedStatement ps = c.prepareStatement(distributed
                            ? "select citus_schema_distribute(?::regnamespace)" : "select citus_schema_undistribute(?::regnamespace)")) {
                        ps.setString(1, schema);
                        ps.execute();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare schema " + schema, e);
        }
    }

    private static boolean exists(Connection c, String schema) throws SQLException {
        return bool(c, "select exists (select 1 from pg_namespace where nspname = ?)", schema);
    }

    static boolean citus(Connection c) throws SQLException {
        return bool(c, "select exists (select 1 from pg_extension where extname = 'citus')", null);
    }

    private static boolean distributed(Connection c, String schema) throws SQLException {
        return bool(c, "select exists (select 1 from pg_dist_schema where schemaid = ?::regnamespace)", schema);
    }

    private static boolean bool(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
