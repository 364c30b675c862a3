package org.socialcrm.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TokenCipherTest {

    static final String K1 = Base64.getEncoder().encodeToString(new byte[32]);
    static final String K2 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void roundTripsWithARandomIvPerCiphertext() {
        TokenCipher cipher = new TokenCipher("k1", Map.of("k1", K1), true);
        TokenCipher.Sealed a = cipher.encrypt("secret-access-token", "lumen-cosmetics");
        TokenCipher.Sealed b = cipher.encrypt("secret-access-token", "lumen-cosmetics");
        assertEquals("k1", a.keyId());
        assertNotEquals(a.ciphertext(), b.ciphertext());
        assertFalse(a.ciphertext().contains("secret"));
        assertEquals(12 + "secret-access-token".length() + 16, Base64.getDecoder().decode(a.ciphertext()).length);
        assertEquals("secret-access-token", cipher.decrypt(a.keyId(), a.ciphertext(), "lumen-cosmetics"));
        assertFalse(a.toString().contains(a.ciphertext()));
    }

    @Test
    void oldKeysStillDecryptAfterRotation() {
        TokenCipher before = new TokenCipher("k1", Map.of("k1", K1), true);
        TokenCipher.Sealed old = before.encrypt("tok", "t");
        TokenCipher after = new TokenCipher("k2", Map.of("k1", K1, "k2", K2), true);
        assertEquals("tok", after.decrypt(old.keyId(), old.ciphertext(), "t"));
        assertEquals("k2", after.encrypt("tok", "t").keyId());
        TokenCipher withoutOld = new TokenCipher("k2", Map.of("k2", K2), true);
        assertThrows(TokenCipher.TokenUnreadableException.class, () -> withoutOld.decrypt(old.keyId(), old.ciphertext(), "t"));
    }

    @Test
    void anotherTenantOrATamperedCiphertextDoesNotDecrypt() {
        TokenCipher cipher = new TokenCipher("k1", Map.of("k1", K1), true);
        TokenCipher.Sealed sealed = cipher.encrypt("tok", "tenant-a");
        assertThrows(TokenCipher.TokenUnreadableException.class, () -> cipher.decrypt("k1", sealed.ciphertext(), "tenant-b"));
        byte[] bytes = Base64.getDecoder().decode(sealed.ciphertext());
        bytes[bytes.length - 1] ^= 1;
        String tampered = Base64.getEncoder().encodeToString(bytes);
        assertThrows(TokenCipher.TokenUnreadableException.class, () -> cipher.decrypt("k1", tampered, "tenant-a"));
    }

    @Test
    void aRequiredKeyMustBeConfigured() {
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> new TokenCipher(null, Map.of(), true));
        assertTrue(missing.getMessage().contains("scrm.connectors.tokens"));
        assertThrows(IllegalStateException.class, () -> new TokenCipher("k9", Map.of("k1", K1), true));
        assertThrows(IllegalStateException.class, () -> new TokenCipher("k1", Map.of("k1", "c2hvcnQ="), true));
        TokenCipher ephemeral = new TokenCipher(null, Map.of(), false);
        assertEquals("ephemeral", ephemeral.currentKeyId());
    }
}
