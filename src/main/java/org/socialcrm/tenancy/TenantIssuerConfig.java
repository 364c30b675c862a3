package org.socialcrm.tenancy;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Rules for the issuer a tenant may declare for its own identity provider (auth-contract.md). */
@ConfigMapping(prefix = "scrm.tenant-issuers")
public interface TenantIssuerConfig {

    /** Plain http for loopback hosts (localhost, 127.x, ::1); on in dev and test only. */
    @WithDefault("false")
    boolean allowLoopbackHttp();

    /** The platform's own issuer, which no tenant may declare as its own. */
    Optional<String> platformIssuer();

    /** The platform's auth server URL, which no tenant may declare either. */
    Optional<String> platformServerUrl();
}
