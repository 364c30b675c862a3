package org.socialcrm.ops;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.agroal.api.AgroalDataSource;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Readiness of both database sides: the reactive pool (all tenant work) and the JDBC pool (Flyway, provisioning).
 * Replaces Quarkus' datasource checks, whose DOWN answer quotes the exception message (host and port of the
 * database): this one says UP or DOWN per side and nothing else.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    private final Pool pool;
    private final AgroalDataSource dataSource;
    private final Duration timeout;

    public DatabaseReadinessCheck(Pool pool, AgroalDataSource dataSource,
            @ConfigProperty(name = "scrm.ops.database-connect-timeout", defaultValue = "3s") Duration timeout) {
        this.pool = pool;
        this.dataSource = dataSource;
        this.timeout = timeout;
    }

    @Override
    public HealthCheckResponse call() {
        boolean reactive = reactiveUp();
        boolean jdbc = jdbcUp();
        return HealthCheckResponse.named("database").status(reactive && jdbc)
                .withData("reactive", reactive ? "UP" : "DOWN").withData("jdbc", jdbc ? "UP" : "DOWN").build();
    }

    private boolean reactiveUp() {
        try {
            pool.query("select 1").execute().await().atMost(timeout);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean jdbcUp() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid((int) Math.max(1, timeout.toSeconds()));
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
