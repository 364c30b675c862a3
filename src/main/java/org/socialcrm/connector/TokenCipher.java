package org.socialcrm.connector;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;

/**
 * Encrypts OAuth tokens at rest: AES-GCM, a random 12-byte IV per ciphertext, the tenant slug as associated data
 * (a ciphertext copied into another tenant does not decrypt). Each ciphertext is stored with the id of its key, so
 * keys rotate: add the new key, make it current, keep the old one until no token uses it (tokens are re-encrypted
 * with the current key on their next successful pull or refresh).
 */
@Startup
@ApplicationScoped
public class TokenCipher {

    private static final Logger LOG = Logger.getLogger(TokenCipher.class);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    /** A ciphertext and the id of the key that made it. */
    public record Sealed(String keyId, String ciphertext) {
        @Override
        public String toString() {
            return "Sealed[" + keyId + "]";
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, SecretKey> keys;
    private final String currentKeyId;

    @Inject
    public TokenCipher(ConnectorConfig config) {
        this(config.tokens().currentKeyId().orElse(null), config.tokens().keys(), config.tokens().requireKey());
    }

    /** For tests and tools: keys as key id -> base64. */
    public TokenCipher(String currentKeyId, Map<String, String> base64Keys, boolean requireKey) {
        Map<String, SecretKey> parsed = new HashMap<>();
        base64Keys.forEach((id, value) -> parsed.put(id, parseKey(id, value)));
        if (currentKeyId == null || currentKeyId.isBlank()) {
            if (requireKey) {
                throw new IllegalStateException("No connector token key configured: set scrm.connectors.tokens.current-key-id "
                        + "(SCRM_TOKEN_KEY_ID) and scrm.connectors.tokens.keys.<id> (a base64 AES key of 16, 24 or 32 bytes).");
            }
            currentKeyId = "ephemeral";
            parsed.put(currentKeyId, ephemeralKey());
            LOG.warn("No connector token key configured: using an ephemeral key; stored OAuth tokens will not decrypt after "
                    + "a restart. Configure scrm.connectors.tokens.* outside dev and test.");
        } else if (!parsed.containsKey(currentKeyId)) {
            throw new IllegalStateException("The current connector token key id '" + currentKeyId
                    + "' has no key in scrm.connectors.tokens.keys.");
        }
        this.keys = Map.copyOf(parsed);
        this.currentKeyId = currentKeyId;
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    /** Key material of the current key, for deriving other secrets (the OAuth state HMAC). */
    byte[] currentKeyBytes() {
        return keys.get(currentKeyId).getEncoded();
    }

    public Sealed encrypt(String plaintext, String associatedData) {
        if (plaintext == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return new Sealed(currentKeyId, Base64.getEncoder().encodeToString(out));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Token encryption failed");
        }
    }

    public String decrypt(String keyId, String ciphertext, String associatedData) {
        if (ciphertext == null) {
            return null;
        }
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new TokenUnreadableException("Stored token uses an unknown key id");
        }
        try {
            byte[] in = Base64.getDecoder().decode(ciphertext);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new TokenUnreadableException("Stored token could not be decrypted");
        }
    }

    /** A stored token that cannot be read (unknown key id, tampered ciphertext): the account must be reconnected. */
    public static class TokenUnreadableException extends RuntimeException {
        public TokenUnreadableException(String message) {
            super(message, null, false, false);
        }
    }

    private static SecretKey parseKey(String id, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Connector token key '" + id + "' is not valid base64");
        }
        if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
            throw new IllegalStateException("Connector token key '" + id + "' must be 16, 24 or 32 bytes");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private static SecretKey ephemeralKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
