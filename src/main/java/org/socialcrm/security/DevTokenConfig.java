package org.socialcrm.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Dev mode only: the signing key and issuer of the tokens {@link DevTokenResource} hands out. */
@ConfigMapping(prefix = "scrm.dev-token")
public interface DevTokenConfig {

    @WithDefault("dev/dev-signing-key.pem")
    String privateKeyLocation();

    @WithDefault("urn:socialcrm:dev")
    String issuer();

    @WithDefault("8h")
    Duration lifetime();
}
