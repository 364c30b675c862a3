package org.socialcrm.webhook;

import java.security.SecureRandom;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.connector.TokenCipher;

/**
 * Webhook signing secrets: 32 random bytes (hex), stored encrypted with the connector token keys (AES-GCM, the
 * tenant and purpose as associated data, so a ciphertext copied elsewhere does not decrypt), shown once.
 */
@ApplicationScoped
public class WebhookSecrets {

    private final SecureRandom random = new SecureRandom();
    private final TokenCipher cipher;

    public WebhookSecrets(TokenCipher cipher) {
        this.cipher = cipher;
    }

    String generate() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "whsec_" + HexFormat.of().formatHex(bytes);
    }

    TokenCipher.Sealed seal(String secret, String tenantSlug) {
        return cipher.encrypt(secret, associated(tenantSlug));
    }

    String open(String keyId, String sealed, String tenantSlug) {
        return cipher.decrypt(keyId, sealed, associated(tenantSlug));
    }

    private static String associated(String tenantSlug) {
        return tenantSlug + "/webhook";
    }
}
