package org.socialcrm.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Logs over a request path that fails with INTERNAL because the database error quotes the contact's email: the log
 * carries the tenant and the request id (MDC), never the bearer token nor the email.
 */
@QuarkusTest
class LogSafetyTest {

    record Captured(String level, String text, Map<String, String> mdc) {
    }

    static final class Capture extends Handler {
        final List<Captured> records = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord record) {
            StringBuilder text = new StringBuilder(String.valueOf(record.getLoggerName())).append(' ');
            String message = record.getMessage();
            Object[] params = record.getParameters();
            try {
                text.append(params == null || params.length == 0 ? message
                        : message.contains("%") ? String.format(message, params) : java.text.MessageFormat.format(message, params));
            } catch (RuntimeException e) {
                text.append(message).append(' ').append(java.util.Arrays.toString(params));
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                text.append('\n').append(trace);
            }
            Map<String, String> mdc = record instanceof ExtLogRecord ext ? ext.getMdcCopy() : Map.of();
            if (String.valueOf(record.getLoggerName()).startsWith("io.zonky")) {
                return; // the embedded database server's own log (a separate server in production), not this service's
            }
            records.add(new Captured(record.getLevel().getName(), text.toString(), mdc));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Inject
    TenantFixtures fixtures;

    final Capture capture = new Capture();

    @BeforeEach
    void install() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void remove() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void anInternalErrorIsLoggedWithTenantAndRequestIdButWithoutTokenOrEmail() {
        String slug = fixtures.createIsolated("logsafe", null);
        // a database failure whose message quotes personal data, as constraint and trigger errors do
        fixtures.sql(slug, """
                create function refuse_contact() returns trigger language plpgsql as $$
                begin raise exception 'cannot store contact %', new.email; end $$""");
        fixtures.sql(slug, "create trigger refuse_contact before insert on contact for each row execute function refuse_contact()");
        String token = Tokens.tenantUser(slug, "crm-admin");
        String email = "private.person." + System.nanoTime() + "@example.com";
        String requestId = "logsafety-" + System.nanoTime();

        Response answer = io.restassured.RestAssured.given().contentType("application/json")
                .header("Authorization", "Bearer " + token).header("X-Tenant-ID", slug).header("X-Request-ID", requestId)
                .body(Map.of("query", "mutation($input: ContactInput!) { createContact(input: $input) { id } }",
                        "variables", Map.of("input", Map.of("firstName", "Private", "email", email))))
                .post("/graphql");
        assertEquals(requestId, answer.header("X-Request-ID"), "the request id is echoed");
        assertEquals("INTERNAL", answer.jsonPath().getString("errors[0].extensions.code"), answer.asString());
        assertFalse(answer.asString().contains(email), "the answer does not quote the database error");

        Captured internal = capture.records.stream().filter(r -> r.text().contains("Internal error (ref")).findFirst()
                .orElseThrow(() -> new AssertionError("the failure was logged: " + capture.records));
        assertEquals(slug, internal.mdc().get(RequestIds.TENANT_MDC), "tenant in the MDC: " + internal.mdc());
        assertEquals(requestId, internal.mdc().get(RequestIds.REQUEST_MDC), "request id in the MDC: " + internal.mdc());
        assertTrue(internal.text().contains("sqlState=P0001"), "the log still says what failed: " + internal.text());
        for (Captured record : capture.records) {
            String all = record.text() + " " + record.mdc();
            assertFalse(all.contains(email), "email logged: " + all);
            assertFalse(all.contains(token), "token logged: " + all);
            assertFalse(all.contains(token.substring(token.lastIndexOf('.') + 1)), "token signature logged: " + all);
        }
        // another tenant's admin cannot act on this tenant
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(GraphQLClient.as(Tokens.tenantUser("lumen-cosmetics", "crm-admin"))
                .tenant(slug).run("{ contacts(first: 1) { edges { node { id } } } }")));
        assertNotNull(internal.level());
    }
}
