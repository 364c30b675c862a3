package org.socialcrm.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.outbound.OutboundPolicy;
import org.socialcrm.tenancy.TenantDirectory;

import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Lets a tenant bring its own identity provider. When the request names a tenant (X-Tenant-ID) whose definition
 * has an issuer, and the bearer token claims to come from that issuer, the token is validated against that issuer
 * (discovery, JWKS, audience) under an OIDC configuration of that tenant alone. Every other request is validated
 * by the platform issuer, so a tenant issuer's token sent for another tenant fails validation (401).
 */
@ApplicationScoped
public class TenantIssuerResolver implements TenantConfigResolver {

    private final TenantDirectory directory;
    private final AuthConfig config;
    private final OutboundPolicy outbound;

    public TenantIssuerResolver(TenantDirectory directory, AuthConfig config, OutboundPolicy outbound) {
        this.outbound = outbound;
        this.directory = directory;
        this.config = config;
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> requestContext) {
        String slug = context.request().getHeader(TenantAccess.TENANT_HEADER);
        String authorization = context.request().getHeader("Authorization");
        if (slug == null || !isBearer(authorization)) {
            return Uni.createFrom().nullItem();
        }
        // the token is decoded only for a tenant that has an issuer of its own (most have none)
        return directory.bySlug(slug.trim()).chain(found -> found
                .filter(tenant -> tenant.oidcIssuer() != null && tenant.oidcIssuer().equals(unverifiedIssuer(authorization)))
                .map(tenant -> issuerAllowed(tenant.oidcIssuer()).map(allowed -> allowed ? OidcTenantConfig.authServerUrl(tenant.oidcIssuer())
                        .tenantId(OidcTenants.idFor(tenant.slug()))
                        .applicationType(ApplicationType.SERVICE)
                        .connectionTimeout(Duration.ofMillis(outbound.timeoutMillis()))
                        .token().issuer(tenant.oidcIssuer()).audience(config.audience()).end()
                        .build() : null))
                .orElse(Uni.createFrom().nullItem()));
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

    /** The token's claimed issuer, read without verification: it only picks which issuer will verify the token. */
    static String unverifiedIssuer(String authorization) {
        if (!isBearer(authorization)) {
            return null;
        }
        String[] parts = authorization.substring(7).trim().split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)).getString("iss");
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean isBearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }
}
