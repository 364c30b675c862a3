package org.socialcrm.security;

import org.socialcrm.tenancy.TenantRecord;

import io.vertx.ext.web.RoutingContext;

/**
 * The rate limits {@link TenantAccess} applies once it has resolved a request's tenant. Implemented by
 * {@code ops.RequestLimits}, so security does not depend on ops.
 */
public interface RequestQuota {

    /**
     * Counts one HTTP request of {@code tenant} (and of partner client {@code partnerClient} when not null); throws
     * RATE_LIMITED when the tenant or the partner has no request left.
     */
    void check(TenantRecord tenant, String partnerClient, RoutingContext context);
}
