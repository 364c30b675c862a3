package org.socialcrm.security;

/** Ids of the OIDC tenant configurations made for tenants that bring their own identity provider. */
final class OidcTenants {

    private static final String PREFIX = "tenant-idp-";

    private OidcTenants() {
    }

    static String idFor(String slug) {
        return PREFIX + slug;
    }

    /** The tenant slug whose own issuer validated the token, or null for the platform issuer. */
    static String slugOf(Object oidcTenantId) {
        return oidcTenantId instanceof String id && id.startsWith(PREFIX) ? id.substring(PREFIX.length()) : null;
    }
}
