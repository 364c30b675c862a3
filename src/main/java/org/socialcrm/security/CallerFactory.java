package org.socialcrm.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Reads a {@link Caller} from a validated token, with the claim names of {@link AuthConfig}. A token served from the
 * {@link VerifiedTokenCache} carries the caller read when it was verified (an identity attribute of its cache entry,
 * keyed by the token and the OIDC configuration that verified it): reading the claims again on every request (a
 * JSON conversion per claim) was about 5% of a request's CPU (docs/benchmarks.md).
 */
@ApplicationScoped
public class CallerFactory {

    /** The identity attribute quarkus-oidc sets to the id of the OIDC tenant configuration that validated the token. */
    static final String OIDC_TENANT_ATTRIBUTE = "tenant-id";
    /** The identity attribute with the caller read from the token's claims when the token was verified. */
    static final String CALLER_ATTRIBUTE = "scrm.caller";

    private final AuthConfig config;

    public CallerFactory(AuthConfig config) {
        this.config = config;
    }

    public Caller from(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return null;
        }
        if (identity.getAttribute(CALLER_ATTRIBUTE) instanceof Caller known) {
            return known;
        }
        Set<String> roleNames = new LinkedHashSet<>();
        for (String path : config.claims().roles()) {
            roleNames.addAll(strings(claimAt(jwt, path)));
        }
        String ownIssuerTenant = OidcTenants.slugOf(identity.getAttribute(OIDC_TENANT_ATTRIBUTE));
        if (ownIssuerTenant != null) {
            // a tenant's own issuer speaks for that tenant only: platform and agency roles from it do not count
            roleNames.removeIf(name -> Role.fromClaim(name).filter(role -> !role.tenantRole()).isPresent());
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        roleNames.forEach(name -> Role.fromClaim(name).ifPresent(roles::add));
        Set<String> scopes = new LinkedHashSet<>();
        Object scope = jwt.getClaim(config.claims().scope());
        for (String s : strings(scope)) {
            for (String part : s.split(" ")) {
                if (!part.isBlank()) {
                    scopes.add(part);
                }
            }
        }
        Object name = jwt.getClaim(config.claims().name());
        String subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
        // the tenants and agency claims of a tenant issuer's token are ignored: its tenant is the one that issuer serves
        Set<String> tenants = ownIssuerTenant != null ? Set.of() : Set.copyOf(strings(jwt.getClaim(config.claims().tenants())));
        String agency = ownIssuerTenant != null ? null : text(jwt.getClaim(config.claims().agency()));
        return new Caller(subject, text(name), Set.copyOf(roles), Set.copyOf(roleNames), Set.copyOf(scopes), tenants, agency,
                ownIssuerTenant);
    }

    private static Object claimAt(JsonWebToken jwt, String path) {
        String[] parts = path.split("/");
        Object value = jwt.getClaim(parts[0]);
        for (int i = 1; i < parts.length && value != null; i++) {
            value = value instanceof JsonObject object ? object.get(parts[i])
                    : value instanceof java.util.Map<?, ?> map ? map.get(parts[i]) : null;
        }
        return value;
    }

    private static Set<String> strings(Object value) {
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof JsonArray array) {
            for (JsonValue v : array) {
                out.add(v instanceof JsonString s ? s.getString() : v.toString());
            }
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(v -> out.add(v instanceof JsonString s ? s.getString() : String.valueOf(v)));
        } else if (value != null) {
            String t = text(value);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private static String text(Object value) {
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        return value instanceof JsonString s ? s.getString() : value.toString();
    }
}
