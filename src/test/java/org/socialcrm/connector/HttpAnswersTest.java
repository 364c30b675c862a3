package org.socialcrm.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.socialcrm.common.Network;

import io.vertx.core.json.JsonObject;

class HttpAnswersTest {

    final Instant now = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void resetValuesInEveryNetworksFormat() {
        assertEquals(now.plusSeconds(120), HttpAnswers.parseResetValue("120", now, true), "Retry-After seconds");
        assertEquals(Instant.ofEpochSecond(1_795_000_000L), HttpAnswers.parseResetValue("1795000000", now, false), "epoch seconds");
        assertEquals(now.plusSeconds(30), HttpAnswers.parseResetValue("30", now, false), "small numbers are a delta");
        assertEquals(Instant.parse("2026-11-23T10:05:00Z"), HttpAnswers.parseResetValue("2026-11-23T10:05:00.000Z", now, false), "ISO");
        assertEquals(Instant.parse("2026-11-23T10:07:00Z"), HttpAnswers.parseResetValue("Mon, 23 Nov 2026 10:07:00 GMT", now, true), "HTTP date");
        assertNull(HttpAnswers.parseResetValue("soon", now, true));
    }

    @Test
    void countsMayBeNumbersOrStrings() {
        JsonObject body = new JsonObject().put("a", 12).put("b", "15000").put("c", "many").put("d", true);
        assertEquals(12L, HttpAnswers.count(Network.X, body, "a"));
        assertEquals(15000L, HttpAnswers.count(Network.YOUTUBE, body, "b"));
        assertNull(HttpAnswers.count(Network.X, body, "missing"));
        assertThrows(ConnectorFailure.Transient.class, () -> HttpAnswers.count(Network.YOUTUBE, body, "c"));
        assertThrows(ConnectorFailure.Transient.class, () -> HttpAnswers.count(Network.X, body, "d"));
    }
}
