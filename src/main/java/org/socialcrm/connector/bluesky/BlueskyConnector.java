package org.socialcrm.connector.bluesky;

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

/**
 * Bluesky: {@code GET /xrpc/app.bsky.actor.getProfile?actor=<DID or handle>} on the public AppView (no auth).
 * Rate limits: 429 with RateLimit-Reset. Sessions refresh with {@code com.atproto.server.refreshSession}
 * (Authorization: Bearer refreshJwt), only needed for authenticated PDS calls.
 */
@ApplicationScoped
public class BlueskyConnector implements SocialConnector {

    private final ConnectorHttp http;
    private final ConnectorConfig config;

    public BlueskyConnector(ConnectorHttp http, ConnectorConfig config) {
        this.http = http;
        this.config = config;
    }

    @Override
    public Network network() {
        return Network.BLUESKY;
    }

    @Override
    public Uni<ProfileMetrics> fetch(ConnectorTarget account, String accessToken) {
        String actor = account.externalId() != null ? account.externalId() : HttpAnswers.stripAt(account.handle());
        return http.send(Network.BLUESKY, http.get(config.bluesky().baseUrl() + "/xrpc/app.bsky.actor.getProfile")
                .addQueryParam("actor", actor))
                .map(response -> {
                    if (response.statusCode() == 400) {
                        // XRPC answers 400 {"error":"InvalidRequest","message":"Profile not found"} for unknown actors
                        throw ConnectorFailure.permanent("Bluesky does not know this account (HTTP 400)");
                    }
                    return parse(HttpAnswers.okJson(Network.BLUESKY, response));
                });
    }

    static ProfileMetrics parse(JsonObject body) {
        if (!body.containsKey("followersCount") && !body.containsKey("postsCount")) {
            throw new ConnectorFailure.Transient("Bluesky answered without counts");
        }
        return new ProfileMetrics(HttpAnswers.count(Network.BLUESKY, body, "followersCount"),
                HttpAnswers.count(Network.BLUESKY, body, "followsCount"),
                HttpAnswers.count(Network.BLUESKY, body, "postsCount"), Map.of());
    }

    @Override
    public Uni<TokenPair> refresh(TokenPair current) {
        ConnectorConfig.NetworkSettings settings = config.bluesky();
        String url = settings.refreshUrl().orElse(settings.baseUrl() + "/xrpc/com.atproto.server.refreshSession");
        if (current.refreshToken() == null) {
            return Uni.createFrom().failure(new ConnectorFailure.RefreshRefused("Bluesky session cannot be refreshed; reconnect the account"));
        }
        return http.send(Network.BLUESKY, http.post(url).putHeader("Authorization", "Bearer " + current.refreshToken()))
                .map(response -> {
                    if (response.statusCode() == 400 || response.statusCode() == 401) {
                        throw new ConnectorFailure.RefreshRefused("Bluesky refused the session refresh (HTTP "
                                + response.statusCode() + "); reconnect the account");
                    }
                    JsonObject body = HttpAnswers.okJson(Network.BLUESKY, response);
                    String access = body.getString("accessJwt");
                    if (access == null) {
                        throw new ConnectorFailure.Transient("Bluesky answered without a session");
                    }
                    return new TokenPair(access, body.getString("refreshJwt", current.refreshToken()), null);
                });
    }
}
