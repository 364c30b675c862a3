package org.socialcrm.connector;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.Network;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;

/** Standard OAuth 2.0 token endpoint calls (RFC 6749): refresh_token and authorization_code grants. */
@ApplicationScoped
public class OAuthTokens {

    private final ConnectorHttp http;
    private final ConnectorConfig config;

    public OAuthTokens(ConnectorHttp http, ConnectorConfig config) {
        this.http = http;
        this.config = config;
    }

    /** grant_type=refresh_token at the network's refresh (or token) URL; keeps the old refresh token if none comes back. */
    public Uni<TokenPair> refresh(Network network, TokenPair current) {
        ConnectorConfig.NetworkSettings settings = config.network(network);
        String url = settings.refreshUrl().or(settings::tokenUrl).orElse(null);
        if (url == null || current.refreshToken() == null) {
            return Uni.createFrom().failure(new ConnectorFailure.RefreshRefused(
                    HttpAnswers.label(network) + " access expired and cannot be refreshed; reconnect the account"));
        }
        MultiMap form = MultiMap.caseInsensitiveMultiMap().add("grant_type", "refresh_token")
                .add("refresh_token", current.refreshToken());
        return call(network, url, form).map(pair -> pair.refreshToken() == null
                ? new TokenPair(pair.accessToken(), current.refreshToken(), pair.expiresAt()) : pair);
    }

    /** grant_type=authorization_code (with the PKCE verifier when the network uses PKCE). */
    public Uni<TokenPair> exchangeCode(Network network, String code, String redirectUri, String codeVerifier) {
        ConnectorConfig.NetworkSettings settings = config.network(network);
        if (settings.tokenUrl().isEmpty()) {
            return Uni.createFrom().failure(ConnectorFailure.permanent(HttpAnswers.label(network) + " has no token endpoint configured"));
        }
        MultiMap form = MultiMap.caseInsensitiveMultiMap().add("grant_type", "authorization_code").add("code", code)
                .add("redirect_uri", redirectUri);
        if (codeVerifier != null) {
            form.add("code_verifier", codeVerifier);
        }
        return call(network, settings.tokenUrl().get(), form);
    }

    private Uni<TokenPair> call(Network network, String url, MultiMap form) {
        ConnectorConfig.NetworkSettings settings = config.network(network);
        HttpRequest<Buffer> request = http.post(url).putHeader("Accept", "application/json");
        settings.clientId().ifPresent(id -> {
            if (settings.clientSecret().isPresent()) {
                String basic = Base64.getEncoder().encodeToString(
                        (id + ":" + settings.clientSecret().get()).getBytes(StandardCharsets.UTF_8));
                request.putHeader("Authorization", "Basic " + basic);
            }
            form.add("client_id", id);
        });
        return http.sendForm(network, request, form).map(response -> tokens(network, response, false));
    }

    /** Reads {access_token, refresh_token, expires_in}; 400/401/403 mean the grant was refused. */
    public static TokenPair tokens(Network network, HttpResponse<Buffer> response, boolean keepNoRefresh) {
        int status = response.statusCode();
        String name = HttpAnswers.label(network);
        if (status == 400 || status == 401 || status == 403) {
            throw new ConnectorFailure.RefreshRefused(name + " refused the token grant (HTTP " + status + "); reconnect the account");
        }
        if (status == 429) {
            throw new ConnectorFailure.RateLimited(name + " token endpoint rate limited", HttpAnswers.retryAt(response, java.time.Instant.now()));
        }
        if (status >= 500) {
            throw new ConnectorFailure.Transient(name + " token endpoint answered HTTP " + status);
        }
        if (status < 200 || status >= 300) {
            throw new ConnectorFailure.RefreshRefused(name + " refused the token grant (HTTP " + status + "); reconnect the account");
        }
        JsonObject body = ConnectorHttp.jsonBody(network, response);
        String access = body.getValue("access_token") instanceof String s ? s : null;
        if (access == null || access.isBlank()) {
            throw new ConnectorFailure.Transient(name + " token endpoint answered without an access token");
        }
        String refresh = body.getValue("refresh_token") instanceof String s ? s : null;
        Long expiresIn = HttpAnswers.count(network, body, "expires_in");
        OffsetDateTime expiresAt = expiresIn == null ? null : OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(expiresIn);
        return new TokenPair(access, refresh, expiresAt);
    }
}
