package org.socialcrm.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is acting in the current request, for rows written deep inside a unit of work (the change feed): the token's
 * subject, or null outside any request (scheduled pulls, deliveries).
 */
@ApplicationScoped
public class CurrentActor {

    private final SecurityIdentity identity;
    private final CallerFactory callers;

    public CurrentActor(SecurityIdentity identity, CallerFactory callers) {
        this.identity = identity;
        this.callers = callers;
    }

    public String subject() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        try {
            Caller caller = callers.from(identity);
            return caller == null ? null : caller.subject();
        } catch (IllegalStateException noIdentityHere) {
            // a request context carried onto an event loop by context propagation (a scheduled pull started from a
            // test, say) has no identity there, and the identity proxy would block to establish one: no actor
            return null;
        }
    }
}
