package org.socialcrm.common.outbound;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.socialcrm.common.BadUserInputException;

import io.vertx.ext.web.client.WebClientOptions;

/**
 * Issue 19 point 2: outbound calls refuse loopback, link-local and private addresses unless configuration allows them,
 * follow no redirects and time out. The policy is built with private addresses refused, as in production.
 */
class OutboundPolicyTest {

    record Config(boolean allowPrivateAddresses, boolean allowHttp, Duration connectTimeout, Duration timeout) implements OutboundConfig {
    }

    static final OutboundPolicy PRODUCTION = new OutboundPolicy(new Config(false, false, Duration.ofSeconds(3), Duration.ofSeconds(7)));
    static final OutboundPolicy DEV = new OutboundPolicy(new Config(true, true, Duration.ofSeconds(3), Duration.ofSeconds(7)));

    @Test
    void configuredUrlsMustBeHttpsToAPublicHostWithoutUserInformation() {
        String[] refused = { "http://mastodon.example", "ftp://mastodon.example", "https://user:secret@mastodon.example",
                "https://user@mastodon.example", "https://", "not a url", "", " ", "https://127.0.0.1/", "https://127.0.0.53:8443",
                "https://[::1]/", "https://169.254.169.254/latest/meta-data", "https://10.1.2.3", "https://172.16.0.1",
                "https://172.31.255.255", "https://192.168.1.1", "https://100.64.0.1", "https://0.0.0.0", "https://[::]/",
                "https://224.0.0.1", "https://255.255.255.255", "https://[fd00::1]", "https://[fe80::1]", "https://[::ffff:127.0.0.1]",
                "https://[::ffff:10.0.0.1]", "https://[64:ff9b::a9fe:a9fe]", "https://localhost", "https://api.localhost",
                "https://LOCALHOST:8080", "https://127.1", "https://2130706433", "https://0x7f000001", "https://0177.0.0.1x.1",
                "https://a.b.1", "https://mastodon.example:0", "https://mastodon.example:70000", "https://" + "a".repeat(2050) + ".example" };
        for (String url : refused) {
            BadUserInputException failure = assertThrows(BadUserInputException.class, () -> PRODUCTION.checkConfiguredUrl("webhookUrl", url),
                    url);
            assertEquals("webhookUrl", failure.field(), url);
        }
        assertThrows(BadUserInputException.class, () -> PRODUCTION.checkConfiguredUrl("oidcIssuer", null));
        for (String url : new String[] { "https://mastodon.social", "https://mastodon.social:8443/base/", "https://8.8.8.8/x",
                "https://[2001:4860:4860::8888]/", "https://0xabc.de", "https://172.32.0.1", "https://issuer.example/realms/acme" }) {
            assertDoesNotThrow(() -> PRODUCTION.checkConfiguredUrl("url", url), url);
        }
    }

    @Test
    void devAndTestsMayConfigureLocalHttpUrlsButNeverUserInformation() {
        assertDoesNotThrow(() -> DEV.checkConfiguredUrl("url", "http://localhost:8089/mastodon"));
        assertDoesNotThrow(() -> DEV.checkConfiguredUrl("url", "http://127.0.0.1:1/"));
        assertThrows(BadUserInputException.class, () -> DEV.checkConfiguredUrl("url", "http://u:p@localhost:8089"));
        assertThrows(BadUserInputException.class, () -> DEV.checkConfiguredUrl("url", "file:///etc/passwd"));
    }

    @Test
    void beforeEachCallEveryResolvedAddressMustBePublic() {
        for (String url : new String[] { "https://localhost:8443/x", "https://127.0.0.1/", "https://169.254.169.254/",
                "https://[::1]:443/", "https://10.0.0.7/", "http://8.8.8.8/", "https://user@8.8.8.8/" }) {
            Throwable failure = assertThrows(RuntimeException.class,
                    () -> PRODUCTION.checkBeforeCall(URI.create(url)).await().atMost(Duration.ofSeconds(10)), url);
            assertInstanceOf(OutboundRefusedException.class, failure, url);
            assertFalse(failure.getMessage().contains("127.0.0.1") || failure.getMessage().contains("169.254"), "no address in the message");
        }
        assertNull(PRODUCTION.checkBeforeCall(URI.create("https://8.8.8.8/")).await().atMost(Duration.ofSeconds(10)),
                "a public literal passes without a lookup");
        assertNull(DEV.checkBeforeCall(URI.create("http://localhost:8089/")).await().atMost(Duration.ofSeconds(10)));
        assertInstanceOf(OutboundRefusedException.class, assertThrows(RuntimeException.class,
                () -> DEV.checkBeforeCall(URI.create("gopher://localhost/")).await().atMost(Duration.ofSeconds(10))));
    }

    @Test
    void clientOptionsFollowNoRedirectsAndTimeOut() {
        WebClientOptions options = PRODUCTION.clientOptions();
        assertFalse(options.isFollowRedirects());
        assertEquals(3000, options.getConnectTimeout());
        assertEquals(7000, options.getIdleTimeout());
        assertEquals(TimeUnit.MILLISECONDS, options.getIdleTimeoutUnit());
    }
}
