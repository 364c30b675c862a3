package org.socialcrm.tenancy;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the control plane is migrated and the tenant files reconciled. */
@Readiness
@ApplicationScoped
public class TenancyReadinessCheck implements HealthCheck {

    private final TenancyStartup startup;

    public TenancyReadinessCheck(TenancyStartup startup) {
        this.startup = startup;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("tenancy").status(startup.ready()).build();
    }
}
