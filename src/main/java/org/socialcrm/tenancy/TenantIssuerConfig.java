package org.socialcrm.tenancy;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Rules for the issuer a tenant may declare for its own identity provider (auth-contract.md). */
@ConfigMapping(prefix = "scrm.tenant-issuers")
public interface TenantIssuerConfig {

    /** Plain http for loopback hosts (localhost, 127.x, ::1); on in dev and test only. */
    @WithDefault("false")
    boolean allowLoopbackHttp();

    /** The platform's own issuer (and its auth server URL), which no tenant may declare as its own. */
    Optional<List<String>> platform();
}
