package org.socialcrm.security;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.ForbiddenException;
import org.socialcrm.common.TenantRequiredException;
import org.socialcrm.common.TenantUnavailableException;
import org.socialcrm.common.UnauthenticatedException;
import org.socialcrm.common.RequestIds;
import org.socialcrm.tenancy.TenantDirectory;
import org.socialcrm.tenancy.TenantRecord;
import org.socialcrm.tenancy.TenantScope;
import org.socialcrm.tenancy.TenantStatus;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.MDC;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Decides which tenant a request acts on (header {@code X-Tenant-ID}, or the caller's only tenant) and whether the
 * caller may: the slug is in its {@code tenants} claim, its agency is linked to the tenant, or its token came from
 * the tenant's own issuer. A refused tenant and a missing one get the same answer.
 */
@ApplicationScoped
public class TenantAccess {

    public static final String TENANT_HEADER = "X-Tenant-ID";
    static final String DENIED = "You may not act on this tenant.";

    private final SecurityIdentity identity;
    private final CurrentVertxRequest request;
    private final CallerFactory callers;
    private final TenantDirectory directory;
    private final RequestQuota limits;

    public TenantAccess(SecurityIdentity identity, CurrentVertxRequest request, CallerFactory callers, TenantDirectory directory,
            RequestQuota limits) {
        this.identity = identity;
        this.request = request;
        this.callers = callers;
        this.directory = directory;
        this.limits = limits;
    }

    public Caller caller() {
        Caller caller = callers.from(identity);
        if (caller == null) {
            throw new UnauthenticatedException("A valid bearer token is required.");
        }
        return caller;
    }

    /** The tenant of this request, checked for access and for the permission the work needs. */
    public Uni<TenantScope> resolve(Permission permission) {
        Caller caller;
        try {
            caller = caller();
        } catch (UnauthenticatedException e) {
            return Uni.createFrom().failure(e);
        }
        return requestedSlug(caller)
                .chain(slug -> directory.bySlug(slug))
                .map(found -> authorize(caller, found, permission))
                .invoke(scope -> admit(caller, scope));
    }

    /**
     * As {@link #resolve}, for a subscription: the caller, its tenant and its token's expiry, kept for the stream's
     * life (see {@link Subscriber}).
     */
    public Uni<Subscriber> subscriber(Permission permission) {
        Caller caller;
        Instant expiry;
        Uni<TenantScope> scope;
        try {
            // read now, while the subscription's own request is current
            caller = caller();
            expiry = expiryOf(identity);
            scope = resolve(permission);
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        return scope.map(s -> new Subscriber(caller, s, permission, expiry));
    }

    /**
     * Checks again that a subscriber may still act (token not expired, tenant still there, active and allowed, role
     * still granting the permission) and returns its tenant as it is now. Needs no request.
     */
    public Uni<TenantScope> recheck(Subscriber subscriber) {
        if (subscriber.expiresAt() != null && !Instant.now().isBefore(subscriber.expiresAt())) {
            return Uni.createFrom().failure(new UnauthenticatedException("The token of this subscription has expired."));
        }
        return directory.bySlug(subscriber.scope().slug())
                .map(found -> authorize(subscriber.caller(), found, subscriber.permission()));
    }

    private static Instant expiryOf(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0) {
            return Instant.ofEpochSecond(jwt.getExpirationTime());
        }
        return null;
    }

    /** Logs carry the tenant from here on (MDC key {@code tenant}); then the tenant's rate limits apply. */
    private void admit(Caller caller, TenantScope scope) {
        MDC.put(RequestIds.TENANT_MDC, scope.slug());
        limits.check(scope.tenant(), caller.isPartner() ? caller.subject() : null, request.getCurrent());
    }

    private Uni<String> requestedSlug(Caller caller) {
        RoutingContext context = request.getCurrent();
        String header = context == null ? null : context.request().getHeader(TENANT_HEADER);
        if (header != null && !header.isBlank()) {
            return Uni.createFrom().item(header.trim());
        }
        if (caller.ownIssuerTenant() != null) {
            return Uni.createFrom().item(caller.ownIssuerTenant());
        }
        if (caller.agencyId() == null && caller.tenantSlugs().size() == 1) {
            return Uni.createFrom().item(caller.tenantSlugs().iterator().next());
        }
        if (caller.agencyId() == null) {
            return Uni.createFrom().failure(new TenantRequiredException("Choose a tenant with the X-Tenant-ID header."));
        }
        return directory.visibleTo(caller.agencyId(), List.copyOf(caller.tenantSlugs()))
                .chain(visible -> visible.size() == 1 ? Uni.createFrom().item(visible.get(0).slug())
                        : Uni.createFrom().failure(new TenantRequiredException("Choose a tenant with the X-Tenant-ID header.")));
    }

    private static TenantScope authorize(Caller caller, Optional<TenantRecord> found, Permission permission) {
        TenantRecord tenant = found.filter(t -> mayAct(caller, t)).orElse(null);
        if (tenant == null) {
            throw new ForbiddenException(DENIED);
        }
        if (!permission.grantedTo(caller)) {
            throw new ForbiddenException("Your role does not allow this operation.");
        }
        if (tenant.status() != TenantStatus.ACTIVE) {
            throw new TenantUnavailableException("This tenant is not available right now; try again later.");
        }
        return new TenantScope(tenant);
    }

    public static boolean mayAct(Caller caller, TenantRecord tenant) {
        if (tenant.status() == TenantStatus.SUSPENDED) {
            return false;
        }
        if (caller.ownIssuerTenant() != null) {
            return caller.ownIssuerTenant().equals(tenant.slug());
        }
        return caller.tenantSlugs().contains(tenant.slug()) || tenant.linkedTo(caller.agencyId());
    }
}
