package org.socialcrm.security;

import java.io.IOException;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Dev mode only (the class does not exist in other builds): prints a signed token for a demo persona, so a
 * newcomer can call the API without an identity provider. The matching public key is trusted in dev mode only.
 */
@jakarta.ws.rs.Path("/dev/token")
@IfBuildProfile("dev")
public class DevTokenResource {

    /** Demo users matching the demo tenants in tenants/. */
    static final Map<String, Map<String, Object>> PERSONAS = Map.of(
            "agency-admin", Map.of("name", "Ada Agency", "agency", "northwind", "roles", List.of("agency-admin")),
            "brand-admin", Map.of("name", "Bea Brand", "tenants", List.of("lumen-cosmetics"), "roles", List.of("crm-admin")),
            "campaign-admin", Map.of("name", "Cam Campaign", "tenants", List.of("greenway-2026"), "roles", List.of("crm-admin")),
            "analyst", Map.of("name", "Ana Analyst", "tenants", List.of("acme-outdoor"), "roles", List.of("crm-analyst")),
            "viewer", Map.of("name", "Vic Viewer", "tenants", List.of("acme-outdoor"), "roles", List.of("crm-viewer")),
            "partner", Map.of("tenants", List.of("lumen-cosmetics"), "scope", "contacts:read contacts:write metrics:write"),
            "platform-admin", Map.of("name", "Pat Platform", "roles", List.of("platform-admin")));

    private final DevTokenConfig config;
    private final AuthConfig auth;

    public DevTokenResource(DevTokenConfig config, AuthConfig auth) {
        this.config = config;
        this.auth = auth;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String token(@QueryParam("persona") String persona) throws Exception {
        String name = persona == null ? "brand-admin" : persona;
        Map<String, Object> claims = PERSONAS.get(name);
        if (claims == null) {
            throw new NotFoundException("Unknown persona; one of " + PERSONAS.keySet());
        }
        JwtClaimsBuilder builder = Jwt.issuer(config.issuer()).subject("dev-" + name).audience(auth.audience())
                .expiresIn(config.lifetime());
        claims.forEach(builder::claim);
        return builder.jws().keyId("dev").sign(privateKey()) + "\n";
    }

    private PrivateKey privateKey() throws IOException, java.security.GeneralSecurityException {
        String pem = Files.readString(java.nio.file.Path.of(config.privateKeyLocation()))
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }
}
