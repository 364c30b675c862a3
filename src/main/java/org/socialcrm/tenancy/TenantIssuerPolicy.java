package org.socialcrm.tenancy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.outbound.OutboundPolicy;

/**
 * Which issuers a tenant may declare for its own identity provider: https URLs (plain http only for loopback hosts
 * where configured, i.e. dev and test), never the platform's issuer (auth-contract.md, "Choosing the tenant"), and
 * only where the outbound policy lets the service call (the issuer is called for discovery and keys).
 */
@ApplicationScoped
public class TenantIssuerPolicy {

    static final String FIELD = "oidcIssuer";

    private final boolean allowLoopbackHttp;
    private final Set<String> platformIssuers;
    private final OutboundPolicy outbound;

    public TenantIssuerPolicy(TenantIssuerConfig config, OutboundPolicy outbound) {
        this.outbound = outbound;
        this.allowLoopbackHttp = config.allowLoopbackHttp();
        this.platformIssuers = Stream.of(config.platformIssuer(), config.platformServerUrl()).flatMap(Optional::stream)
                .filter(issuer -> !issuer.isBlank()).map(TenantIssuerPolicy::normalized).collect(Collectors.toUnmodifiableSet());
    }

    /** The definition unchanged when its issuer (if any) is acceptable; BAD_USER_INPUT on oidcIssuer otherwise. */
    public TenantDefinition check(TenantDefinition definition) throws BadUserInputException {
        Optional<String> problem = problem(definition.oidcIssuer());
        if (problem.isPresent()) {
            throw new BadUserInputException(FIELD, problem.get());
        }
        return definition;
    }

    /** What is wrong with the issuer, or empty when it is acceptable (or absent). */
    public Optional<String> problem(String issuer) {
        if (issuer == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(issuer);
        } catch (URISyntaxException e) {
            return Optional.of("must be an https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.of("must be an https URL with a host and no user info, query or fragment");
        }
        boolean loopbackHttp = scheme.equals("http") && allowLoopbackHttp && isLoopback(uri.getHost());
        if (!scheme.equals("https") && !loopbackHttp) {
            return Optional.of("must be an https URL (plain http only for loopback addresses in dev and test)");
        }
        if (platformIssuers.contains(normalized(issuer))) {
            return Optional.of("must not be the platform's issuer");
        }
        try {
            outbound.checkConfiguredUrl(FIELD, issuer);
        } catch (BadUserInputException refused) {
            return Optional.of(refused.getMessage());
        }
        return Optional.empty();
    }

    /** Loopback by name or literal address only: resolving names here would ask DNS what an admin typed. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /** Scheme and host lower-cased, default port and trailing slash dropped: two spellings of one issuer compare equal. */
    static String normalized(String issuer) {
        try {
            URI uri = new URI(issuer.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
            String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
        } catch (URISyntaxException e) {
            return issuer.trim();
        }
    }
}
