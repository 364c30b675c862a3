package org.socialcrm.common;

/** The codes of auth-contract.md, plus the few this service adds (documented in docs/api.md). */
public enum ErrorCode {
    UNAUTHENTICATED, FORBIDDEN, TENANT_REQUIRED, TENANT_UNAVAILABLE, SERVICE_UNAVAILABLE, NOT_FOUND, BAD_USER_INPUT,
    RATE_LIMITED, INTERNAL, NOT_SUPPORTED
}
