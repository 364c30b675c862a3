package org.socialcrm.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.socialcrm.common.Network;
import org.socialcrm.connector.ConnectorFixtures;
import org.socialcrm.connector.NetworkStubs;
import org.socialcrm.database.DatabaseUrl;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.Tokens;
import org.socialcrm.tenancy.TenantDirectory;
import org.socialcrm.tenancy.TenantTransactions;
import org.socialcrm.common.RequestIds;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Logs over a request path that fails with INTERNAL because the database error quotes the contact's email: the log
 * carries the tenant and the request id (MDC), never the bearer token nor the email. The same on the REST error
 * path (one policy, SafeFailures: no exception message in the answer or the log), and a malformed database URL never
 * shows its password.
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
    @Inject
    TenantDirectory directory;
    @Inject
    TenantTransactions transactions;

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
        // a database failure whose message quotes personal data, as constraint and trigger errors do (a check that
        // raises, not a trigger: Citus refuses triggers on distributed tables)
        fixtures.sql(slug, """
                create function refuse_contact(email text) returns boolean language plpgsql as $$
                begin raise exception 'cannot store contact %', email; end $$""");
        fixtures.sql(slug, "alter table contact add constraint refuse_contact check (refuse_contact(email)) not valid");
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

    @Test
    void aRestErrorPathAnswersAndLogsNoExceptionMessage() {
        String slug = fixtures.createIsolated("logrest", null);
        String marker = "private-row-value-" + System.nanoTime();
        // the database error of the OAuth callback's write quotes a value, as constraint and trigger errors do
        fixtures.sql(slug, "create function refuse_account(account text) returns boolean language plpgsql as $$ begin raise exception 'cannot store "
                + marker + " %', account; end $$");
        fixtures.sql(slug, "alter table connector_account add constraint refuse_account check (refuse_account(external_account_id)) not valid");
        long identity = ConnectorFixtures.identity(transactions, ConnectorFixtures.scope(directory, slug), Network.X,
                ConnectorFixtures.unique("logrest"), null);
        // a real connect flow: its state row and the browser cookie that binds it
        Response started = io.restassured.RestAssured.given().redirects().follow(false)
                .header("Authorization", "Bearer " + Tokens.tenantUser(slug, "crm-admin")).header("X-Tenant-ID", slug)
                .queryParam("identityId", identity).get("/api/connectors/x/authorize");
        assertEquals(302, started.statusCode(), started.asString());
        String state = java.net.URI.create(started.getHeader("Location")).getRawQuery().replaceAll(".*(?:^|&)state=([^&]*).*", "$1");
        state = java.net.URLDecoder.decode(state, java.nio.charset.StandardCharsets.UTF_8);
        String code = ConnectorFixtures.unique("code-");
        NetworkStubs.server().stubFor(post(urlPathEqualTo("/x/2/oauth2/token")).withRequestBody(containing("code=" + code))
                .willReturn(okJson("{\"token_type\":\"bearer\",\"expires_in\":7200,\"access_token\":\"a-" + code
                        + "\",\"refresh_token\":\"r-" + code + "\"}")));

        Response answer = io.restassured.RestAssured.given().redirects().follow(false).cookies(started.getCookies())
                .queryParam("code", code).queryParam("state", state).get("/api/connectors/x/callback");
        assertEquals(500, answer.statusCode(), answer.asString());
        assertEquals("INTERNAL", answer.jsonPath().getString("code"), answer.asString());
        String ref = answer.jsonPath().getString("message").replaceAll(".*\\(ref ([0-9a-f]+)\\).*", "$1");
        assertFalse(answer.asString().contains(marker), "the answer quotes the exception: " + answer.asString());
        assertFalse(answer.asString().contains("Exception"), "the answer names the exception: " + answer.asString());

        assertTrue(capture.records.stream().anyMatch(r -> r.text().contains("Internal error (ref " + ref + ")")
                && r.text().contains("sqlState=P0001")), "the failure was logged with its reference: " + capture.records);
        for (Captured record : capture.records) {
            assertFalse(record.text().contains(marker), "exception message logged: " + record.text());
        }
    }

    @Test
    void aMalformedDatabaseUrlNeverShowsItsPassword() {
        String password = "Pw-" + System.nanoTime();
        for (String url : List.of("postgresql://crm:" + password + " x@db.internal:5432/crm",
                "postgresql://crm:" + password + "%zz@db.internal:5432/crm",
                "postgres://crm:" + password + "@db.internal:notaport/crm",
                "jdbc:postgresql://crm:" + password + "@db internal/crm")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse(url), url);
            StringWriter text = new StringWriter();
            refused.printStackTrace(new PrintWriter(text));
            assertFalse(text.toString().contains(password), "the password is in the error that start-up logs: " + text);
            assertTrue(refused.getMessage().contains("postgresql://user:password@host:5432/database"), refused.getMessage());
        }
        DatabaseUrl parsed = DatabaseUrl.parse("postgresql://crm:" + password + "@db.internal:5432/crm");
        assertEquals(password, parsed.password());
        assertFalse(parsed.toString().contains(password), parsed.toString());
    }
}
