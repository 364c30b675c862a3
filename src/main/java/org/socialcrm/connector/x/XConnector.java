package org.socialcrm.connector.x;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.connector.ConnectorConfig;
import org.socialcrm.connector.ConnectorFailure;
import org.socialcrm.connector.ConnectorHttp;
import org.socialcrm.connector.ConnectorTarget;
import org.socialcrm.connector.HttpAnswers;
import org.socialcrm.connector.OAuthTokens;
import org.socialcrm.connector.ProfileMetrics;
import org.socialcrm.connector.SocialConnector;
import org.socialcrm.connector.TokenPair;
import org.socialcrm.common.Network;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * X API v2: {@code GET /2/users/:id?user.fields=public_metrics} (or {@code /2/users/by/username/:handle} without an
 * id). Rate limits: 429 with x-rate-limit-reset (epoch seconds). Refresh: POST /2/oauth2/token, refresh_token grant.
 */
@ApplicationScoped
public class XConnector implements SocialConnector {

    private final ConnectorHttp http;
    private final ConnectorConfig config;
    private final OAuthTokens tokens;

    public XConnector(ConnectorHttp http, ConnectorConfig config, OAuthTokens tokens) {
        this.http = http;
        this.config = config;
        this.tokens = tokens;
    }

    @Override
    public Network network() {
        return Network.X;
    }

    @Override
    public Uni<ProfileMetrics> fetch(ConnectorTarget account, String accessToken) {
        String base = config.x().baseUrl();
        String path = account.externalId() != null ? "/2/users/" + enc(account.externalId())
                : "/2/users/by/username/" + enc(stripAt(account.handle()));
        return http.send(Network.X, http.get(base + path).addQueryParam("user.fields", "public_metrics")
                .putHeader("Authorization", "Bearer " + accessToken))
                .map(response -> parse(HttpAnswers.okJson(Network.X, response)));
    }

    static ProfileMetrics parse(JsonObject body) {
        if (!body.containsKey("data") && body.containsKey("errors")) {
            throw ConnectorFailure.permanent("X does not know this account (suspended or deleted)");
        }
        JsonObject data = HttpAnswers.object(Network.X, body, "data");
        JsonObject metrics = HttpAnswers.object(Network.X, data, "public_metrics");
        Map<String, Double> extra = new HashMap<>();
        Long listed = HttpAnswers.count(Network.X, metrics, "listed_count");
        if (listed != null) {
            extra.put("listed", listed.doubleValue());
        }
        Long likes = HttpAnswers.count(Network.X, metrics, "like_count");
        if (likes != null) {
            extra.put("likes", likes.doubleValue());
        }
        return new ProfileMetrics(HttpAnswers.count(Network.X, metrics, "followers_count"),
                HttpAnswers.count(Network.X, metrics, "following_count"),
                HttpAnswers.count(Network.X, metrics, "tweet_count"), extra);
    }

    @Override
    public Uni<TokenPair> refresh(TokenPair current) {
        return tokens.refresh(Network.X, current);
    }

    private static String stripAt(String handle) {
        return HttpAnswers.stripAt(handle);
    }

    private static String enc(String value) {
        return HttpAnswers.segment(value);
    }
}
