package org.socialcrm.connector.youtube;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;

/**
 * YouTube Data API v3: {@code GET /youtube/v3/channels?part=statistics&id=<channelId>} ({@code mine=true} without an
 * id). Counts are JSON strings; a hidden subscriber count gives no followers point. Quota exhaustion is HTTP 403 with
 * reason quotaExceeded: the next pull waits until the quota resets (midnight Pacific time).
 */
@ApplicationScoped
public class YouTubeConnector implements SocialConnector {

    static final ZoneId QUOTA_ZONE = ZoneId.of("America/Los_Angeles");

    private final ConnectorHttp http;
    private final ConnectorConfig config;
    private final OAuthTokens tokens;

    public YouTubeConnector(ConnectorHttp http, ConnectorConfig config, OAuthTokens tokens) {
        this.http = http;
        this.config = config;
        this.tokens = tokens;
    }

    @Override
    public Network network() {
        return Network.YOUTUBE;
    }

    @Override
    public Uni<ProfileMetrics> fetch(ConnectorTarget account, String accessToken) {
        HttpRequest<Buffer> request = http.get(config.youtube().baseUrl() + "/youtube/v3/channels")
                .addQueryParam("part", "statistics").putHeader("Authorization", "Bearer " + accessToken);
        if (account.externalId() != null) {
            request.addQueryParam("id", account.externalId());
        } else {
            request.addQueryParam("mine", "true");
        }
        return http.send(Network.YOUTUBE, request).map(YouTubeConnector::parse);
    }

    static ProfileMetrics parse(HttpResponse<Buffer> response) {
        if (response.statusCode() == 403 || response.statusCode() == 429) {
            String reason = reason(response);
            if ("quotaExceeded".equals(reason) || "dailyLimitExceeded".equals(reason)) {
                Instant reset = LocalDate.now(QUOTA_ZONE).plusDays(1).atStartOfDay(QUOTA_ZONE).toInstant();
                throw new ConnectorFailure.RateLimited("YouTube daily quota exhausted; next pull at " + reset, reset);
            }
            if ("rateLimitExceeded".equals(reason) || "userRateLimitExceeded".equals(reason) || response.statusCode() == 429) {
                Instant at = HttpAnswers.retryAt(response, Instant.now());
                throw new ConnectorFailure.RateLimited("YouTube rate limit reached; next pull at " + at, at);
            }
        }
        JsonObject body = HttpAnswers.okJson(Network.YOUTUBE, response);
        JsonArray items = body.getValue("items") instanceof JsonArray array ? array : null;
        if (items == null) {
            throw new ConnectorFailure.Transient("YouTube answered without items");
        }
        if (items.isEmpty()) {
            throw ConnectorFailure.permanent("YouTube does not know this channel");
        }
        JsonObject statistics = HttpAnswers.object(Network.YOUTUBE, items.getJsonObject(0), "statistics");
        boolean hidden = Boolean.TRUE.equals(statistics.getValue("hiddenSubscriberCount"));
        Map<String, Double> extra = new HashMap<>();
        Long views = HttpAnswers.count(Network.YOUTUBE, statistics, "viewCount");
        if (views != null) {
            extra.put("views", views.doubleValue());
        }
        return new ProfileMetrics(hidden ? null : HttpAnswers.count(Network.YOUTUBE, statistics, "subscriberCount"), null,
                HttpAnswers.count(Network.YOUTUBE, statistics, "videoCount"), extra);
    }

    private static String reason(HttpResponse<Buffer> response) {
        try {
            JsonObject error = new JsonObject(response.bodyAsString()).getJsonObject("error");
            JsonArray errors = error == null ? null : error.getJsonArray("errors");
            return errors == null || errors.isEmpty() ? null : errors.getJsonObject(0).getString("reason");
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public Uni<TokenPair> refresh(TokenPair current) {
        return tokens.refresh(Network.YOUTUBE, current);
    }
}
