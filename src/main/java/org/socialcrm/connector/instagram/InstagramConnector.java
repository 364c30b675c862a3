package org.socialcrm.connector.instagram;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

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
import io.vertx.mutiny.ext.web.client.HttpResponse;

/**
 * Instagram Graph API: {@code GET <base>/<ig-user-id>?fields=followers_count,follows_count,media_count} ({@code /me}
 * without an id); the base URL includes the API version (e.g. https://graph.instagram.com/v25.0). Throttling is error
 * code 4, 17, 32 or 613; the wait comes from X-Business-Use-Case-Usage estimated_time_to_regain_access (minutes).
 * Long-lived tokens are refreshed with {@code GET /refresh_access_token?grant_type=ig_refresh_token}.
 */
@ApplicationScoped
public class InstagramConnector implements SocialConnector {

    static final Set<Integer> THROTTLING_CODES = Set.of(4, 17, 32, 613);

    private final ConnectorHttp http;
    private final ConnectorConfig config;

    public InstagramConnector(ConnectorHttp http, ConnectorConfig config) {
        this.http = http;
        this.config = config;
    }

    @Override
    public Network network() {
        return Network.INSTAGRAM;
    }

    @Override
    public Uni<ProfileMetrics> fetch(ConnectorTarget account, String accessToken) {
        String id = account.externalId() != null ? HttpAnswers.segment(account.externalId()) : "me";
        return http.send(Network.INSTAGRAM, http.get(config.instagram().baseUrl() + "/" + id)
                .addQueryParam("fields", "followers_count,follows_count,media_count")
                .putHeader("Authorization", "Bearer " + accessToken))
                .map(InstagramConnector::parse);
    }

    static ProfileMetrics parse(HttpResponse<Buffer> response) {
        if (response.statusCode() >= 400) {
            Integer code = errorCode(response);
            if (code != null && THROTTLING_CODES.contains(code) || response.statusCode() == 429) {
                Instant at = regainAccess(response);
                throw new ConnectorFailure.RateLimited("Instagram throttled the app; next pull at " + at, at);
            }
            if (code != null && code == 190) {
                throw new ConnectorFailure.Unauthorized("Instagram refused the access token (OAuthException 190)");
            }
        }
        JsonObject body = HttpAnswers.okJson(Network.INSTAGRAM, response);
        if (!body.containsKey("followers_count") && !body.containsKey("media_count")) {
            throw new ConnectorFailure.Transient("Instagram answered without counts");
        }
        return new ProfileMetrics(HttpAnswers.count(Network.INSTAGRAM, body, "followers_count"),
                HttpAnswers.count(Network.INSTAGRAM, body, "follows_count"),
                HttpAnswers.count(Network.INSTAGRAM, body, "media_count"), Map.of());
    }

    private static Integer errorCode(HttpResponse<Buffer> response) {
        try {
            JsonObject error = new JsonObject(response.bodyAsString()).getJsonObject("error");
            return error == null ? null : error.getInteger("code");
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The largest estimated_time_to_regain_access (minutes) in X-Business-Use-Case-Usage, else the generic headers. */
    static Instant regainAccess(HttpResponse<Buffer> response) {
        String usage = response.getHeader("X-Business-Use-Case-Usage");
        long minutes = 0;
        if (usage != null) {
            try {
                JsonObject byBusiness = new JsonObject(usage);
                for (String business : byBusiness.fieldNames()) {
                    Object entries = byBusiness.getValue(business);
                    if (entries instanceof JsonArray array) {
                        for (int i = 0; i < array.size(); i++) {
                            Long m = HttpAnswers.count(Network.INSTAGRAM, array.getJsonObject(i), "estimated_time_to_regain_access");
                            minutes = Math.max(minutes, m == null ? 0 : m);
                        }
                    }
                }
            } catch (RuntimeException ignored) {
                // unreadable header: fall back below
            }
        }
        return minutes > 0 ? Instant.now().plus(Duration.ofMinutes(minutes)) : HttpAnswers.retryAt(response, Instant.now());
    }

    @Override
    public boolean refreshable(TokenPair current) {
        return current.accessToken() != null;
    }

    /** Long-lived tokens refresh themselves: the current access token buys a new one (60 days). */
    @Override
    public Uni<TokenPair> refresh(TokenPair current) {
        ConnectorConfig.NetworkSettings settings = config.instagram();
        String url = settings.refreshUrl().orElse(settings.baseUrl().replaceAll("/v[0-9.]+$", "") + "/refresh_access_token");
        return http.send(Network.INSTAGRAM, http.get(url).addQueryParam("grant_type", "ig_refresh_token")
                .addQueryParam("access_token", current.accessToken()))
                .map(response -> {
                    TokenPair pair = OAuthTokens.tokens(Network.INSTAGRAM, response, true);
                    OffsetDateTime expires = pair.expiresAt() != null ? pair.expiresAt()
                            : OffsetDateTime.now(ZoneOffset.UTC).plusDays(60);
                    return new TokenPair(pair.accessToken(), null, expires);
                });
    }
}
