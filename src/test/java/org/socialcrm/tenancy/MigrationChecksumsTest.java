package org.socialcrm.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialcrm.support.TestTenants;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MigrationChecksumsTest {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    SchemaMigrator migrator;

    @Test
    void aTenantMigratedWithTheReleasedV50MigratesAgainAndIsolationHolds() throws SQLException {
        String slug = TestTenants.create("released");
        String schema = "t_" + slug.replace('-', '_');
        MigrationChecksums.Repair v50 = MigrationChecksums.REPAIRS.get(0);
        execute("update " + schema + ".flyway_schema_history set checksum = " + v50.released() + " where version = '50'");
        execute("update t_lumen_cosmetics.flyway_schema_history set checksum = 12345 where version = '50'");

        migrator.migrateTenant(schema); // Flyway validates: would fail on the released checksum without the repair

        assertEquals(v50.current(), checksum(schema));
        assertEquals(12345, checksum("t_lumen_cosmetics"), "only the released checksum is repaired, in that tenant only");
        execute("update t_lumen_cosmetics.flyway_schema_history set checksum = " + v50.current() + " where version = '50'");
    }

    private int checksum(String schema) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select checksum from " + schema + ".flyway_schema_history where version = '50'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
