package org.socialcrm.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * Executions counted by pg_stat_statements in the test database, for tests that bound the statements a request costs.
 * The extension is created only when missing: on Citus (.ci/citus-verify.sh creates it as superuser) even
 * {@code create extension if not exists} is sent on to the workers, where the non-owner test role is refused.
 */
public final class StatementCounts {

    private StatementCounts() {
    }

    /** The sum of calls of this database's statements that match {@code condition} (SQL on pg_stat_statements' columns). */
    public static long calls(DataSource dataSource, String condition) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (ResultSet rs = c.createStatement().executeQuery("select 1 from pg_extension where extname = 'pg_stat_statements'")) {
                if (!rs.next()) {
                    c.createStatement().execute("create extension if not exists pg_stat_statements");
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery("select coalesce(sum(calls), 0) from pg_stat_statements "
                    + "where dbid = (select oid from pg_database where datname = current_database()) and (" + condition + ")")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
