package org.socialcrm.connector;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.Network;
import org.socialcrm.common.outbound.OutboundPolicy;

/**
 * The instance base URL an admin fixes when connecting an account of a network with many instances (Mastodon). It
 * passes the outbound policy's check of configured URLs; the connector sends the account's token there and nowhere else.
 */
@ApplicationScoped
public class InstanceUrls {

    static final String FIELD = "instanceUrl";

    private final OutboundPolicy policy;

    public InstanceUrls(OutboundPolicy policy) {
        this.policy = policy;
    }

    /** The normalised URL (no trailing slash), or null when none was given. */
    public String check(Network network, String instanceUrl) {
        if (instanceUrl == null) {
            return null;
        }
        if (network != Network.MASTODON) {
            throw new BadUserInputException(FIELD, "is only for MASTODON accounts");
        }
        policy.checkConfiguredUrl(FIELD, instanceUrl);
        URI uri = URI.create(instanceUrl.trim());
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new BadUserInputException(FIELD, "must be the instance's base URL, without query or fragment");
        }
        String normalised = instanceUrl.trim();
        while (normalised.endsWith("/")) {
            normalised = normalised.substring(0, normalised.length() - 1);
        }
        return normalised;
    }
}
