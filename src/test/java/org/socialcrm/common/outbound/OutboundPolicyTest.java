package org.socialcrm.common.outbound;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.socialcrm.common.BadUserInputException;

/** The outbound rules as a deployment without allow-private-addresses applies them. */
class OutboundPolicyTest {

    final OutboundPolicy strict = new OutboundPolicy(false);

    @Test
    void privateLoopbackAndLinkLocalUrlsAreRefused() {
        for (String url : List.of("http://127.0.0.1:8080/hook", "http://localhost/hook", "https://10.1.2.3/x", "http://192.168.0.10/",
                "http://169.254.169.254/latest/meta-data", "http://[::1]/hook", "http://[fd00::1]/", "http://0.0.0.0/")) {
            BadUserInputException refused = assertThrows(BadUserInputException.class, () -> strict.checkConfiguredUrl("input.url", url), url);
            assertEquals("input.url", refused.field());
        }
        for (String url : List.of("ftp://example.com/x", "http://user:pw@example.com/", "not a url", "/relative")) {
            assertThrows(BadUserInputException.class, () -> strict.checkConfiguredUrl("input.url", url), url);
        }
        assertDoesNotThrow(() -> strict.checkConfiguredUrl("input.url", "https://hooks.example.com/scrm"));
        assertThrows(OutboundRefusedException.class, () -> strict.checkBeforeCall(URI.create("http://127.0.0.1:1/")).await().indefinitely());
        assertThrows(OutboundRefusedException.class, () -> strict.checkBeforeCall(URI.create("http://localhost:1/")).await().indefinitely());
        assertDoesNotThrow(() -> new OutboundPolicy(true).checkConfiguredUrl("input.url", "http://127.0.0.1:8080/hook"));
    }
}
