package org.socialcrm.security;

import java.time.Instant;

import org.socialcrm.tenancy.TenantScope;

/**
 * The caller of a subscription, captured when it starts: a stream's events (and their nested fields) are served on
 * threads that have no request of their own, so they act for this subscriber and tenant, never for whatever request
 * happens to be current. {@code expiresAt} is the token's expiry: the stream ends then.
 */
public record Subscriber(Caller caller, TenantScope scope, Permission permission, Instant expiresAt) {
}
