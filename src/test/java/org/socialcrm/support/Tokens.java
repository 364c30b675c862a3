package org.socialcrm.support;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Builds signed test tokens the way an identity provider would. */
public final class Tokens {

    private String realm = OidcTestServer.PLATFORM;
    private String issuer;
    private PrivateKey key;
    private String keyId;
    private String subject = "user-" + System.nanoTime();
    private String audience = "scrm-api";
    private Instant expiresAt = Instant.now().plus(Duration.ofMinutes(30));
    private final Map<String, Object> claims = new HashMap<>();

    private Tokens() {
    }

    public static Tokens user() {
        return new Tokens();
    }

    public static String baseUrl() {
        return System.getProperty(OidcTestServer.BASE_URL_PROPERTY);
    }

    public static String issuerOf(String realm) {
        return baseUrl() + "/realms/" + realm;
    }

    public static String tenantUser(String tenant, String role) {
        return user().tenants(tenant).roles(role).sign();
    }

    public static String partner(String tenant, String scope) {
        return user().tenants(tenant).scope(scope).sign();
    }

    public Tokens realm(String value) {
        realm = value;
        return this;
    }

    public Tokens issuer(String value) {
        issuer = value;
        return this;
    }

    public Tokens signedWith(PrivateKey value, String kid) {
        key = value;
        keyId = kid;
        return this;
    }

    public Tokens subject(String value) {
        subject = value;
        return this;
    }

    public Tokens audience(String value) {
        audience = value;
        return this;
    }

    public Tokens expiresAt(Instant value) {
        expiresAt = value;
        return this;
    }

    public Tokens tenants(String... slugs) {
        claims.put("tenants", List.of(slugs));
        return this;
    }

    public Tokens agency(String agency) {
        claims.put("agency", agency);
        return this;
    }

    public Tokens roles(String... roles) {
        claims.put("realm_access", Map.of("roles", Arrays.asList(roles)));
        return this;
    }

    public Tokens scope(String scope) {
        claims.put("scope", scope);
        return this;
    }

    public String sign() {
        JwtClaimsBuilder builder = Jwt.issuer(issuer != null ? issuer : issuerOf(realm)).subject(subject).audience(audience)
                .issuedAt(expiresAt.minus(Duration.ofHours(1))).expiresAt(expiresAt);
        claims.forEach(builder::claim);
        return builder.jws().keyId(keyId != null ? keyId : realm).sign(key != null ? key : TestKeys.privateKey(realm));
    }
}
