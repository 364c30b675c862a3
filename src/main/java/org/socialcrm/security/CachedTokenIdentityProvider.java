package org.socialcrm.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Asked before quarkus-oidc's identity provider: answers a bearer token from the {@link VerifiedTokenCache}, or
 * nothing, and then quarkus-oidc verifies the token (and {@link VerifiedTokenRecorder} remembers it).
 */
@ApplicationScoped
public class CachedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** The routing-context key under which quarkus-oidc puts the id of the configuration it chose for the request. */
    private static final String OIDC_TENANT_KEY = CallerFactory.OIDC_TENANT_ATTRIBUTE;

    private final VerifiedTokenCache cache;

    public CachedTokenIdentityProvider(VerifiedTokenCache cache) {
        this.cache = cache;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return IdentityProvider.SYSTEM_FIRST + 1000; // before quarkus-oidc's provider (default priority)
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (http == null) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(cache.find(http.get(OIDC_TENANT_KEY), request.getToken().getToken(), http));
    }
}
