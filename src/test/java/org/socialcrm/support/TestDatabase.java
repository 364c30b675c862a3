package org.socialcrm.support;

import org.socialcrm.database.EmbeddedPostgresServer;

/**
 * Which PostgreSQL the tests run against: the local Citus cluster's coordinator with {@code -Dscrm.test.db=citus}
 * (started by ../shared/citus/cluster.sh; URL {@code scrm.test.citus-url}), else {@code SCRM_DB_URL} when set, else
 * the embedded PostgreSQL.
 */
public final class TestDatabase {

    public static final String KIND_PROPERTY = "scrm.test.db";
    public static final String CITUS_URL_PROPERTY = "scrm.test.citus-url";
    static final String DEFAULT_CITUS_URL = "postgresql://scrm:scrm@127.0.0.1:55460/scrm";

    private TestDatabase() {
    }

    public static boolean citus() {
        return "citus".equals(System.getProperty(KIND_PROPERTY));
    }

    public static String url() {
        if (citus()) {
            return System.getProperty(CITUS_URL_PROPERTY, DEFAULT_CITUS_URL);
        }
        String external = System.getenv("SCRM_DB_URL");
        return external != null && !external.isBlank() ? external : EmbeddedPostgresServer.urlStartingIfNeeded();
    }
}
