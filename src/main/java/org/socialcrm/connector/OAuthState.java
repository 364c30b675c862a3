package org.socialcrm.connector;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.Network;

import io.vertx.core.json.JsonObject;

/**
 * The OAuth {@code state}: tenant slug, identity id, network, the starting user's subject, an expiry and a random id
 * (the nonce), signed with HMAC-SHA256, so a forged or altered state is refused before any lookup. What makes a state
 * usable once and by its starter only lives server-side in {@link OAuthFlows} under the state's id: the PKCE code
 * verifier and the browser binding are random values of their own, not computable from the state.
 */
@ApplicationScoped
public class OAuthState {

    public record Claims(String tenant, long identityId, Network network, String subject, Instant expiresAt, String nonce) {
    }

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final byte[] secret;
    private final SecureRandom random = new SecureRandom();

    public OAuthState(ConnectorConfig config, TokenCipher cipher) {
        this.secret = config.oauth().stateSecret().map(s -> Base64.getDecoder().decode(s.trim()))
                .orElseGet(() -> hmac(cipher.currentKeyBytes(), "scrm-oauth-state"));
    }

    /** A signed state and its id (the key of its {@link OAuthFlows} row). */
    public record Issued(String state, String id) {
    }

    public Issued issue(String tenant, long identityId, Network network, String subject, Instant expiresAt) {
        String id = randomToken(16);
        JsonObject claims = new JsonObject().put("t", tenant).put("i", identityId).put("n", network.name()).put("s", subject)
                .put("e", expiresAt.getEpochSecond()).put("k", id);
        String payload = B64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
        return new Issued(payload + "." + B64.encodeToString(hmac(secret, payload)), id);
    }

    public String sign(String tenant, long identityId, Network network, String subject, Instant expiresAt) {
        return issue(tenant, identityId, network, subject, expiresAt).state();
    }

    /** A fresh random value, base64url: 32 bytes make a 43-character PKCE code verifier (RFC 7636) or a binding secret. */
    public String randomToken(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return B64.encodeToString(value);
    }

    /** SHA-256 of a binding secret, as stored (the secret itself stays in the browser). */
    public static String bindingHash(String secret) {
        return B64.encodeToString(sha256(secret));
    }

    /** The claims of a genuine, unexpired state; empty otherwise. */
    public Optional<Claims> verify(String state, Instant now) {
        if (state == null || state.length() > 2048) {
            return Optional.empty();
        }
        int dot = state.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String payload = state.substring(0, dot);
        try {
            byte[] given = B64D.decode(state.substring(dot + 1));
            if (!MessageDigest.isEqual(given, hmac(secret, payload))) {
                return Optional.empty();
            }
            JsonObject claims = new JsonObject(new String(B64D.decode(payload), StandardCharsets.UTF_8));
            Instant expires = Instant.ofEpochSecond(claims.getLong("e"));
            if (!expires.isAfter(now)) {
                return Optional.empty();
            }
            return Optional.of(new Claims(claims.getString("t"), claims.getLong("i"), Network.valueOf(claims.getString("n")),
                    claims.getString("s"), expires, claims.getString("k")));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public static String codeChallenge(String verifier) {
        return B64.encodeToString(sha256(verifier));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
