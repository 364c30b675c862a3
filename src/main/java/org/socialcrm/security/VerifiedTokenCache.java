package org.socialcrm.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;

/**
 * Identities of bearer JWTs that quarkus-oidc verified (signature, issuer, audience, expiry), so that the same token
 * is not verified again on every request until it expires (quarkus-oidc's own token cache is for introspection and
 * UserInfo results only). Keyed by the OIDC configuration that verified the token and the SHA-256 of the token: a
 * token that differs in one character, or that another configuration (a tenant's own issuer) would have to verify,
 * is a miss and goes through quarkus-oidc. An entry is used only before the token's exp and at most
 * {@code scrm.auth.token-cache.max-age} after it was verified; bounded by {@code max-size}. Not cached: tokens
 * verified by introspection (the provider's answer may change) and sender-constrained tokens (a {@code cnf} claim:
 * their proof is per request). Revocation: like every locally verified JWT, a cached token is good until its exp; a
 * signing key the provider withdraws stops new tokens at once and cached ones within max-age (docs/security.md).
 */
@ApplicationScoped
public class VerifiedTokenCache {

    /** Set on identities served from the cache, so they are not remembered again. */
    static final String FROM_CACHE_ATTRIBUTE = "scrm.token-cache";
    private static final String ROUTING_CONTEXT_ATTRIBUTE = RoutingContext.class.getName();

    private final boolean enabled;
    private final Cache<String, Entry> entries;
    private final Clock clock;
    private final LongAdder hits = new LongAdder();
    private final CallerFactory callers;

    @Inject
    public VerifiedTokenCache(AuthConfig config, CallerFactory callers) {
        this(config.tokenCache(), Clock.systemUTC(), callers);
    }

    VerifiedTokenCache(AuthConfig.TokenCache config, Clock clock, CallerFactory callers) {
        this.enabled = config.enabled();
        this.clock = clock;
        this.callers = callers;
        this.entries = Caffeine.newBuilder().maximumSize(config.maxSize()).expireAfterWrite(config.maxAge()).build();
    }

    /** The identity verified before for this token under this OIDC configuration, for this request; or null. */
    SecurityIdentity find(Object oidcTenantId, String token, RoutingContext request) {
        if (!enabled || !(oidcTenantId instanceof String tenantId) || token == null) {
            return null;
        }
        String key = key(tenantId, token);
        Entry entry = entries.getIfPresent(key);
        if (entry == null) {
            return null;
        }
        if (clock.millis() / 1000 >= entry.expiresAt()) {
            entries.invalidate(key);
            return null;
        }
        hits.increment();
        return QuarkusSecurityIdentity.builder(entry.identity())
                .addAttribute(ROUTING_CONTEXT_ATTRIBUTE, request)
                .addAttribute(FROM_CACHE_ATTRIBUTE, Boolean.TRUE)
                .build();
    }

    /** Remembers an identity quarkus-oidc has just verified, when it is a locally verified JWT. */
    void remember(SecurityIdentity identity) {
        if (!enabled || identity.isAnonymous() || identity.getAttribute(FROM_CACHE_ATTRIBUTE) != null
                || identity.getAttribute("introspection") != null
                || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0 || jwt.getClaim("cnf") != null
                || !(identity.getAttribute(CallerFactory.OIDC_TENANT_ATTRIBUTE) instanceof String tenantId)) {
            return;
        }
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        if (credential == null || credential.getToken() == null || !credential.getToken().equals(jwt.getRawToken())) {
            return;
        }
        // the request that verified it is not kept alive by the cache; each hit gets its own. The caller is read from
        // the claims here, once per token, and every hit of this entry (this token, this configuration) carries it.
        SecurityIdentity kept = QuarkusSecurityIdentity.builder(identity).addAttribute(ROUTING_CONTEXT_ATTRIBUTE, null)
                .addAttribute(CallerFactory.CALLER_ATTRIBUTE, callers.from(identity)).build();
        entries.put(key(tenantId, credential.getToken()), new Entry(kept, jwt.getExpirationTime()));
    }

    /** Identities served from the cache since start. */
    public long hits() {
        return hits.sum();
    }

    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    private static String key(String oidcTenantId, String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return oidcTenantId + ' ' + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Entry(SecurityIdentity identity, long expiresAt) {
    }
}
