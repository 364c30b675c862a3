package org.socialcrm.common.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.socialcrm.common.BadUserInputException;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * The rules for calling URLs an admin configured (auth-contract.md): http(s) only, no private, loopback or link-local
 * address unless the deployment allows them ({@code scrm.outbound.allow-private-addresses}), checked when the URL is
 * stored and again, after DNS, before each call; no redirects; timeouts. (Minimal version; the outbound work
 * replaces it with the full one.)
 */
@ApplicationScoped
public class OutboundPolicy {

    private final boolean allowPrivate;

    @Inject
    public OutboundPolicy(OutboundConfig config) {
        this(config.allowPrivateAddresses());
    }

    public OutboundPolicy(boolean allowPrivateAddresses) {
        this.allowPrivate = allowPrivateAddresses;
    }

    /** A URL an admin wants stored: BAD_USER_INPUT on {@code field} unless it may be called. */
    public void checkConfiguredUrl(String field, String url) {
        URI uri;
        try {
            uri = url == null || url.length() > 2000 ? null : new URI(url);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || uri.getRawUserInfo() != null
                || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw new BadUserInputException(field, "must be an absolute http(s) URL without credentials");
        }
        String host = uri.getHost();
        if (!allowPrivate && (host.equalsIgnoreCase("localhost") || host.toLowerCase().endsWith(".localhost")
                || (isIpLiteral(host) && refused(literal(host))))) {
            throw new BadUserInputException(field, "must not point at a private, loopback or link-local address");
        }
    }

    /** Resolves the host and fails with {@link OutboundRefusedException} when any of its addresses may not be called. */
    public Uni<Void> checkBeforeCall(URI uri) {
        if (allowPrivate) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().<Void> item(() -> {
            try {
                for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                    if (refused(address)) {
                        throw new OutboundRefusedException("The address of this URL may not be called");
                    }
                }
                return null;
            } catch (UnknownHostException e) {
                throw new OutboundRefusedException("The host of this URL does not resolve");
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    public WebClientOptions clientOptions() {
        return new WebClientOptions().setFollowRedirects(false).setConnectTimeout(5000).setIdleTimeout(30)
                .setMaxPoolSize(64).setKeepAlive(true);
    }

    private static boolean refused(InetAddress address) {
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocal(address);
    }

    private static boolean uniqueLocal(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
    }

    private static boolean isIpLiteral(String host) {
        return host.startsWith("[") || host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
    }

    private static InetAddress literal(String host) {
        try {
            return InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new BadUserInputException("url", "is not a valid address");
        }
    }
}
