package org.socialcrm.connector.mastodon;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.connector.ConnectorConfig;
import org.socialcrm.connector.ConnectorFailure;
import org.socialcrm.connector.ConnectorHttp;
import org.socialcrm.connector.ConnectorTarget;
import org.socialcrm.connector.HttpAnswers;
import org.socialcrm.connector.ProfileMetrics;
import org.socialcrm.connector.SocialConnector;
import org.socialcrm.connector.TokenPair;
import org.socialcrm.common.Network;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;

/**
 * Mastodon: {@code GET /api/v1/accounts/:id} on the account's instance ({@code /api/v1/accounts/lookup?acct=} without an
 * id). The instance is the base URL the admin fixed when connecting the account ({@code instanceUrl}), else the
 * configured base URL: never a host taken from the identity's profile URL, which lower roles may set.
 * Rate limits: 429 with X-RateLimit-Reset (ISO timestamp). Tokens do not expire and cannot be refreshed.
 */
@ApplicationScoped
public class MastodonConnector implements SocialConnector {

    private final ConnectorHttp http;
    private final ConnectorConfig config;

    public MastodonConnector(ConnectorHttp http, ConnectorConfig config) {
        this.http = http;
        this.config = config;
    }

    @Override
    public Network network() {
        return Network.MASTODON;
    }

    @Override
    public Uni<ProfileMetrics> fetch(ConnectorTarget account, String accessToken) {
        String base = instance(account);
        HttpRequest<Buffer> request = account.externalId() != null
                ? http.get(base + "/api/v1/accounts/" + HttpAnswers.segment(account.externalId()))
                : http.get(base + "/api/v1/accounts/lookup").addQueryParam("acct", HttpAnswers.stripAt(account.handle()));
        if (accessToken != null && !accessToken.isBlank()) {
            request.putHeader("Authorization", "Bearer " + accessToken);
        }
        return http.send(Network.MASTODON, request).map(response -> parse(HttpAnswers.okJson(Network.MASTODON, response)));
    }

    static ProfileMetrics parse(JsonObject body) {
        if (Boolean.TRUE.equals(body.getValue("suspended"))) {
            throw ConnectorFailure.permanent("Mastodon reports this account as suspended");
        }
        if (!body.containsKey("followers_count")) {
            throw new ConnectorFailure.Transient("Mastodon answered without counts");
        }
        return new ProfileMetrics(HttpAnswers.count(Network.MASTODON, body, "followers_count"),
                HttpAnswers.count(Network.MASTODON, body, "following_count"),
                HttpAnswers.count(Network.MASTODON, body, "statuses_count"), Map.of());
    }

    /** The instance an admin fixed when connecting the account, else the configured one; never the identity's profile URL. */
    private String instance(ConnectorTarget account) {
        return account.instanceUrl() != null ? account.instanceUrl() : config.mastodon().baseUrl();
    }

    @Override
    public boolean refreshable(TokenPair current) {
        return false;
    }

    @Override
    public Uni<TokenPair> refresh(TokenPair current) {
        return Uni.createFrom().failure(new ConnectorFailure.RefreshRefused(
                "Mastodon tokens cannot be refreshed; reconnect the account"));
    }
}
