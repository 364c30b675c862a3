package org.socialcrm.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.outbound.OutboundPolicy;
import org.socialcrm.tenancy.TenantIssuers;

import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Lets a tenant bring its own identity provider. When the bearer token claims to come from an issuer that tenants
 * declared (looked up in the in-memory {@link TenantIssuers} snapshot: no query before anything is verified), it is
 * validated against that issuer (discovery, JWKS, audience) under an OIDC configuration of one tenant alone: the
 * tenant named by X-Tenant-ID, or the issuer's only tenant. When several tenants declared the issuer, the token's
 * {@code tenants} claim must name that tenant (the claim is read here unverified, but the configuration that then
 * verifies the token makes it trustworthy). Every other token is validated by the platform issuer, so a tenant
 * issuer's token sent for another tenant fails validation (401).
 */
@ApplicationScoped
public class TenantIssuerResolver implements TenantConfigResolver {

    private final TenantIssuers issuers;
    private final AuthConfig config;
    private final OutboundPolicy outbound;

    public TenantIssuerResolver(TenantIssuers issuers, AuthConfig config, OutboundPolicy outbound) {
        this.issuers = issuers;
        this.outbound = outbound;
        this.config = config;
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> requestContext) {
        JsonObject claims = unverifiedClaims(context.request().getHeader("Authorization"));
        List<String> tenants = claims == null ? List.of() : issuers.tenantsOf(claims.getValue("iss") instanceof String s ? s : null);
        if (tenants.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        String slug = chooseTenant(tenants, context.request().getHeader(TenantAccess.TENANT_HEADER), claimedTenants(claims));
        if (slug == null) {
            return Uni.createFrom().nullItem();
        }
        String issuer = claims.getString("iss");
        return issuerAllowed(issuer).map(allowed -> allowed ? configFor(slug, issuer) : null);
    }

    /** The outbound policy (auth-contract.md): an issuer it refuses is never called; its tokens then fail (401). */
    private Uni<Boolean> issuerAllowed(String issuer) {
        try {
            outbound.checkConfiguredUrl("oidcIssuer", issuer);
        } catch (BadUserInputException refused) {
            return Uni.createFrom().item(false);
        }
        return outbound.checkBeforeCall(URI.create(issuer)).replaceWith(true).onFailure().recoverWithItem(false);
    }

    /** The tenant whose configuration verifies the token, or null (then the platform issuer refuses it). */
    static String chooseTenant(List<String> issuersTenants, String header, List<String> claimed) {
        String requested = header == null || header.isBlank() ? null : header.trim();
        if (issuersTenants.size() == 1) {
            String only = issuersTenants.get(0);
            return requested == null || requested.equals(only) ? only : null;
        }
        List<String> named = issuersTenants.stream().filter(claimed::contains).toList();
        if (requested != null) {
            return named.contains(requested) ? requested : null;
        }
        return named.size() == 1 ? named.get(0) : null;
    }

    private OidcTenantConfig configFor(String slug, String issuer) {
        return OidcTenantConfig.authServerUrl(issuer)
                .tenantId(OidcTenants.idFor(slug))
                .applicationType(ApplicationType.SERVICE)
                .token().issuer(issuer).audience(config.audience())
                .allowJwtIntrospection(config.introspection()).allowOpaqueTokenIntrospection(config.introspection()).end()
                .build();
    }

    private List<String> claimedTenants(JsonObject claims) {
        Object value = claims.getValue(config.claims().tenants());
        if (value instanceof JsonArray array) {
            return array.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return value instanceof String single ? List.of(single) : List.of();
    }

    /** The token's claims, read without verification: they only pick which issuer will verify the token. */
    static JsonObject unverifiedClaims(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String[] parts = authorization.substring(7).trim().split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
