package org.socialcrm.common.outbound;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.BadUserInputException;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * The rules of every outbound call (auth-contract.md "Outbound calls"): only URLs an admin configured, https
 * (http where allowed), no user information, no loopback/link-local/private/unspecified/multicast address unless
 * the deployment allows them, no redirects followed, connect and idle timeouts.
 * <p>
 * A URL is checked twice: syntactically when an admin configures it ({@link #checkConfiguredUrl}), and right
 * before each call by resolving its host ({@link #checkBeforeCall}), because a public name may point at a private
 * address. Residual risk: the HTTP client resolves the name again when it connects, so a name whose DNS answer
 * changes between the two lookups (DNS rebinding with a zero TTL) can still reach a private address once; redirects
 * are never followed, so such a call cannot be bounced further.
 */
@ApplicationScoped
public class OutboundPolicy {

    private static final Pattern DOTTED_V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** As in the WHATWG URL standard: a host whose last label is a number is an IPv4 address. */
    private static final Pattern NUMERIC_LAST_LABEL = Pattern.compile("(.*\\.)?(\\d+|0x[0-9a-f]*)\\.?");
    static final int MAX_URL_LENGTH = 2048;

    private final OutboundConfig config;

    public OutboundPolicy(OutboundConfig config) {
        this.config = config;
    }

    /**
     * Syntactic check of a URL an admin configures (https, or http only where allowed; no userinfo; host not a literal
     * loopback/link-local/private/unspecified/multicast address unless allowed). Throws
     * {@link BadUserInputException} naming {@code field}.
     */
    public void checkConfiguredUrl(String field, String url) {
        if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
            throw new BadUserInputException(field, "must be a URL of at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new BadUserInputException(field, "must be a valid URL");
        }
        if (!schemeAllowed(uri.getScheme())) {
            throw new BadUserInputException(field, config.allowHttp() ? "must be an http(s) URL" : "must be an https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new BadUserInputException(field, "must not contain user information");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new BadUserInputException(field, "must name a host");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new BadUserInputException(field, "must have a port between 1 and 65535");
        }
        if (!config.allowPrivateAddresses() && !hostLooksPublic(host.toLowerCase(Locale.ROOT))) {
            throw new BadUserInputException(field, "must not point at a loopback, link-local or private address");
        }
    }

    /**
     * Resolves the host (off the event loop) and fails with {@link OutboundRefusedException} when any address is not
     * allowed. To be called right before each call. A host that does not resolve fails with an
     * {@link UncheckedIOException} (like any unreachable host, worth a retry).
     */
    public Uni<Void> checkBeforeCall(URI uri) {
        if (uri == null || !schemeAllowed(uri.getScheme()) || uri.getRawUserInfo() != null || uri.getHost() == null) {
            return Uni.createFrom().failure(new OutboundRefusedException("The outbound URL is not allowed"));
        }
        if (config.allowPrivateAddresses()) {
            return Uni.createFrom().voidItem();
        }
        String host = unbracket(uri.getHost());
        return Uni.createFrom().item(() -> resolve(host))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .invoke(addresses -> {
                    for (InetAddress address : addresses) {
                        if (!Addresses.isPublic(address)) {
                            throw new OutboundRefusedException("The outbound address is not allowed (not a public address)");
                        }
                    }
                })
                .replaceWithVoid();
    }

    /** Options for a Vert.x WebClient: no redirects followed, connect + idle timeouts from config. */
    public WebClientOptions clientOptions() {
        WebClientOptions options = new WebClientOptions()
                .setFollowRedirects(false)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()));
        options.setIdleTimeout((int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis()));
        options.setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        return options;
    }

    /** Per-request timeout for clients that set one on each request. */
    public long timeoutMillis() {
        return config.timeout().toMillis();
    }

    private boolean schemeAllowed(String scheme) {
        return "https".equalsIgnoreCase(scheme) || (config.allowHttp() && "http".equalsIgnoreCase(scheme));
    }

    private static InetAddress[] resolve(String host) {
        try {
            return InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e); // not a refusal: callers treat it like any unreachable host
        }
    }

    /** Without DNS: a literal address must be public; a numeric host must be a plain dotted IPv4 address. */
    private static boolean hostLooksPublic(String host) {
        if (host.equals("localhost") || host.endsWith(".localhost") || host.endsWith(".localhost.")) {
            return false;
        }
        String bare = unbracket(host);
        boolean v6 = bare.indexOf(':') >= 0;
        if (!v6 && !NUMERIC_LAST_LABEL.matcher(bare).matches()) {
            return true; // a name: its addresses are checked before each call
        }
        if (!v6 && !DOTTED_V4.matcher(bare).matches()) {
            return false; // 127.1, 2130706433, 0x7f.1: legal to some resolvers, never needed in configuration
        }
        try {
            return Addresses.isPublic(InetAddress.getByName(bare)); // a literal: parsed, not looked up
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
