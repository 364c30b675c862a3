package org.socialcrm.common.outbound;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Outbound calls to configured URLs (auth-contract.md, "Outbound calls"). */
@ConfigMapping(prefix = "scrm.outbound")
public interface OutboundConfig {

    /** Whether loopback, private and link-local addresses may be called (dev and tests only). */
    @WithDefault("false")
    boolean allowPrivateAddresses();
}
