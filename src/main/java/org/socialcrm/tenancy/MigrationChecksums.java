package org.socialcrm.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * Tenant migrations that had to change after release so that Citus accepts them (docs/scale-out.md), with the same
 * resulting schema: a tenant migrated with the released text gets its recorded checksum updated to the current one
 * before Flyway validates, and only when it still holds the released checksum. Nothing else is ever rewritten.
 */
@ApplicationScoped
public class MigrationChecksums {

    /** A migration's version, its checksum as released, and its checksum now (Flyway's CRC32 of the lines). */
    record Repair(String version, int released, int current) {
    }

    static final List<Repair> REPAIRS = List.of(new Repair("50", -23456745, -2118108684));

    private final AgroalDataSource dataSource;

    public MigrationChecksums(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Returns how many recorded checksums were updated in this tenant schema. */
    public int repair(String schema) {
        if (!TenantSlug.isTenantSchema(schema)) {
            throw new IllegalArgumentException("not a tenant schema name");
        }
        try (Connection c = dataSource.getConnection()) {
            if (!historyExists(c, schema)) {
                return 0;
            }
            int updated = 0;
            // the schema name was checked above (lowercase letters, digits, underscores)
            try (PreparedStatement ps = c.prepareStatement(
                    "update " + schema + ".flyway_schema_history set checksum = ? where version = ? and checksum = ?")) {
                for (Repair repair : REPAIRS) {
                    ps.setInt(1, repair.current());
                    ps.setString(2, repair.version());
                    ps.setInt(3, repair.released());
                    updated += ps.executeUpdate();
                }
            }
            return updated;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not repair migration checksums of " + schema, e);
        }
    }

    private static boolean historyExists(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select to_regclass(? || '.flyway_schema_history') is not null")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
