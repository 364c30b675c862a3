package org.socialcrm.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import io.vertx.core.json.JsonObject;

/** The test issuers' RSA keys (src/test/resources/oidc/&lt;realm&gt;.pem) and their public JWKs. */
public final class TestKeys {

    private TestKeys() {
    }

    public static PrivateKey privateKey(String realm) {
        try (InputStream in = TestKeys.class.getResourceAsStream("/oidc/" + realm + ".pem")) {
            return fromPem(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The dev-mode key from dev/, which no profile but dev may accept. */
    public static PrivateKey devKey() {
        try {
            return fromPem(Files.readString(Path.of("dev/dev-signing-key.pem")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PrivateKey fromPem(String pem) {
        try {
            byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonObject jwk(String realm) {
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) privateKey(realm);
        return new JsonObject().put("kty", "RSA").put("kid", realm).put("use", "sig").put("alg", "RS256")
                .put("n", base64(key.getModulus())).put("e", base64(key.getPublicExponent()));
    }

    private static String base64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
