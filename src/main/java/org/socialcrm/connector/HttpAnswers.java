package org.socialcrm.connector;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.socialcrm.common.Network;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;

/** Reading the networks' answers: status classes, rate-limit reset headers, counts as numbers or strings. */
public final class HttpAnswers {

    /** Used when a 429 names no reset time; overridden from configuration at start-up. */
    static volatile Duration defaultRateLimitWait = Duration.ofMinutes(15);

    private HttpAnswers() {
    }

    public static String label(Network network) {
        return switch (network) {
            case X -> "X";
            case YOUTUBE -> "YouTube";
            case INSTAGRAM -> "Instagram";
            case MASTODON -> "Mastodon";
            case BLUESKY -> "Bluesky";
            default -> network.name();
        };
    }

    /**
     * The JSON body of a successful answer; any other status becomes the matching {@link ConnectorFailure}. Networks
     * with their own error shapes (YouTube quota, Instagram throttling codes) check those before calling this.
     */
    public static JsonObject okJson(Network network, HttpResponse<Buffer> response) {
        int status = response.statusCode();
        String name = label(network);
        if (status >= 200 && status < 300) {
            return ConnectorHttp.jsonBody(network, response);
        }
        if (status == 429) {
            Instant at = retryAt(response, Instant.now());
            throw new ConnectorFailure.RateLimited(name + " rate limit reached; next pull at " + at, at);
        }
        if (status == 401) {
            throw new ConnectorFailure.Unauthorized(name + " refused the access token (HTTP 401)");
        }
        if (status == 404 || status == 410) {
            throw ConnectorFailure.permanent(name + " does not know this account (HTTP " + status + ")");
        }
        if (status >= 500 || status == 408) {
            throw new ConnectorFailure.Transient(name + " answered HTTP " + status);
        }
        throw ConnectorFailure.permanent(name + " refused the request (HTTP " + status + ")");
    }

    /**
     * When the network allows the next call: Retry-After (seconds or HTTP date), X's x-rate-limit-reset (epoch
     * seconds), Mastodon's X-RateLimit-Reset (ISO timestamp), Bluesky's RateLimit-Reset (epoch seconds, or seconds
     * from now when small). Without any, now + the configured default wait.
     */
    public static Instant retryAt(HttpResponse<Buffer> response, Instant now) {
        String retryAfter = response.getHeader("Retry-After");
        if (retryAfter != null) {
            Instant at = parseResetValue(retryAfter.trim(), now, true);
            if (at != null) {
                return at;
            }
        }
        for (String header : new String[] { "x-rate-limit-reset", "X-RateLimit-Reset", "RateLimit-Reset" }) {
            String value = response.getHeader(header);
            if (value != null) {
                Instant at = parseResetValue(value.trim(), now, false);
                if (at != null) {
                    return at;
                }
            }
        }
        return now.plus(defaultRateLimitWait);
    }

    static Instant parseResetValue(String value, Instant now, boolean secondsAreDelta) {
        if (value.isEmpty()) {
            return null;
        }
        if (value.chars().allMatch(Character::isDigit) && value.length() < 16) {
            long number = Long.parseLong(value);
            // Epoch seconds are large; small numbers are seconds from now (Retry-After, IETF RateLimit-Reset).
            if (secondsAreDelta || number < 1_000_000_000L) {
                return now.plusSeconds(number);
            }
            return Instant.ofEpochSecond(number);
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException ignored) {
            // not ISO
        }
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }

    /** A count that may be a JSON number or a numeric string (YouTube); null when absent. */
    public static Long count(Network network, JsonObject object, String field) {
        if (object == null || !object.containsKey(field) || object.getValue(field) == null) {
            return null;
        }
        Object value = object.getValue(field);
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new ConnectorFailure.Transient(label(network) + " answered a malformed " + field);
            }
        }
        throw new ConnectorFailure.Transient(label(network) + " answered a malformed " + field);
    }

    /** A nested object, or a transient failure when the body lacks it (partial JSON). */
    public static JsonObject object(Network network, JsonObject parent, String field) {
        Object value = parent == null ? null : parent.getValue(field);
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new ConnectorFailure.Transient(label(network) + " answered without " + field);
    }

    public static String stripAt(String handle) {
        return handle != null && handle.startsWith("@") ? handle.substring(1) : handle;
    }

    /** A value safe to put in a URL path segment or query. */
    public static String segment(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
