package org.socialcrm.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.outbound.OutboundConfig;
import org.socialcrm.common.outbound.OutboundPolicy;

/** The issuer rules of auth-contract.md on their own: which spellings pass, which are refused and why. */
class TenantIssuerPolicyTest {

    static final String PLATFORM = "https://id.example.com/realms/platform";

    @Test
    void httpsIssuersPassAndPlainHttpOnlyForLoopbackWhereAllowed() {
        TenantIssuerPolicy test = policy(true);
        TenantIssuerPolicy prod = policy(false);
        for (String ok : List.of("https://id.example.com/realms/brand", "https://idp.brand.example:8443/")) {
            assertEquals(Optional.empty(), prod.problem(ok), ok);
        }
        for (String loopback : List.of("http://localhost:8180/realms/x", "http://127.0.0.1/realms/x", "http://[::1]:9000/x")) {
            assertEquals(Optional.empty(), test.problem(loopback), loopback);
            assertTrue(prod.problem(loopback).orElseThrow().contains("https"), loopback);
        }
        for (String bad : List.of("http://localhost.evil.example/x", "http://10.0.0.1/x", "http://127.0.0.1.evil.example/x",
                "ftp://id.example.com/x", "https://user:pw@id.example.com/x", "https://id.example.com/x?a=b", "https:///x", "not a url")) {
            assertTrue(test.problem(bad).isPresent(), bad);
        }
    }

    @Test
    void thePlatformIssuerIsRefusedHoweverSpelled() {
        TenantIssuerPolicy policy = policy(false);
        for (String spelling : List.of(PLATFORM, PLATFORM + "/", "HTTPS://ID.EXAMPLE.COM/realms/platform",
                "https://id.example.com:443/realms/platform")) {
            assertEquals(Optional.of("must not be the platform's issuer"), policy.problem(spelling), spelling);
        }
        assertEquals(Optional.empty(), policy.problem("https://id.example.com/realms/platform-brand"));
        BadUserInputException refused = assertThrows(BadUserInputException.class, () -> policy.check(
                new TenantDefinition("some-brand", "Brand", TenantKind.BRAND, null, null, null, PLATFORM)));
        assertEquals("oidcIssuer", refused.getMessage().substring(0, "oidcIssuer".length()));
    }

    /** The outbound policy of dev and test (private addresses and http allowed): only the issuer rules decide here. */
    static final OutboundPolicy PERMISSIVE_OUTBOUND = new OutboundPolicy(new OutboundConfig() {
        @Override
        public boolean allowPrivateAddresses() {
            return true;
        }

        @Override
        public boolean allowHttp() {
            return true;
        }

        @Override
        public Duration connectTimeout() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Duration timeout() {
            return Duration.ofSeconds(1);
        }
    });

    private static TenantIssuerPolicy policy(boolean allowLoopbackHttp) {
        return new TenantIssuerPolicy(new TenantIssuerConfig() {
            @Override
            public boolean allowLoopbackHttp() {
                return allowLoopbackHttp;
            }

            @Override
            public Optional<String> platformIssuer() {
                return Optional.of(PLATFORM);
            }

            @Override
            public Optional<String> platformServerUrl() {
                return Optional.empty();
            }
        }, PERMISSIVE_OUTBOUND);
    }
}
