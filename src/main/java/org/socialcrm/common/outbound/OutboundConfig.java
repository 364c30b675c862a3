package org.socialcrm.common.outbound;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Rules for every call this service makes to a URL an admin configured (auth-contract.md "Outbound calls"). */
@ConfigMapping(prefix = "scrm.outbound")
public interface OutboundConfig {

    /** Loopback, link-local, private and other non-public addresses may be called (dev and tests only). */
    @WithDefault("false")
    boolean allowPrivateAddresses();

    /** Plain http URLs may be configured and called (dev and tests only); otherwise https only. */
    @WithDefault("false")
    boolean allowHttp();

    /** TCP connect timeout of an outbound call. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** A call whose connection stays silent this long is closed. */
    @WithDefault("10s")
    Duration timeout();
}
