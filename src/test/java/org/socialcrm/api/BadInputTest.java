package org.socialcrm.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TestTenants;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Issue 19, point 6: malformed cursors, sort keys holding the cursor's separator, ids beyond 64 bits and lifecycle
 * notes too large for an event are BAD_USER_INPUT (or page correctly), never INTERNAL, in the compiled and the
 * general path alike, and the client's text never reaches the logs.
 */
@QuarkusTest
class BadInputTest {

    /** A no-op directive on the root field sends the operation the general (field by field) way. */
    static final List<String> BOTH_PATHS = List.of("", "@include(if: true)");
    static final String PAGE = "query($after: String, $first: Int, $order: ContactOrder) { contacts(first: $first, after: $after, "
            + "orderBy: $order) %s { edges { cursor node { id displayName } } pageInfo { hasNextPage endCursor } } }";
    static final String CREATE = "mutation($n: String!) { createContact(input: { firstName: $n }) { id } }";

    @Test
    void malformedCursorsAreBadUserInputAndStayOutOfTheLogs() {
        GraphQLClient admin = TestTenants.admin(TestTenants.create("bad-cursor"));
        admin.ok(CREATE, Map.of("n", "Ada"));
        String marker = "attacker-" + System.nanoTime();
        List<String> cursors = List.of(
                cursor("c0|" + marker + "|5"),                                 // sort key of UPDATED_AT_DESC is no date
                cursor("c0|2026-02-30 10:00:00+00|5"),                        // a date that does not exist
                cursor("c0|2026-12-01 10:00:00.5+00|99999999999999999999"),  // id beyond 64 bits
                cursor("c0|2026-12-01 10:00:00+00"),                          // parts missing
                cursor("c3|" + marker + "|5"),                                 // another order's cursor
                cursor("c0|\0|5"),
                "%%%" + marker);                                              // no base64 at all
        List<String> logs = captureLogs(() -> {
            for (String path : BOTH_PATHS) {
                for (String after : cursors) {
                    assertBadInput(admin.run(PAGE.formatted(path), Map.of("after", after)), "after");
                }
                // INFLUENCE_DESC reads the key as a number; NAME_ASC as text (anything but NUL goes)
                assertBadInput(admin.run(PAGE.formatted(path), Map.of("after", cursor("c3|" + marker + "|5"), "order", "INFLUENCE_DESC")), "after");
                assertBadInput(admin.run(PAGE.formatted(path), Map.of("after", cursor("c3|1e999|5"), "order", "INFLUENCE_DESC")), "after");
                assertBadInput(admin.run(PAGE.formatted(path), Map.of("after", cursor("c2|x\0|5"), "order", "NAME_ASC")), "after");
            }
            // touchpoints and influencers
            assertBadInput(admin.run("{ contacts(first: 1) { edges { node { touchpoints(first: 1, after: \"" + cursor("tp|" + marker + "|1")
                    + "\") { totalCount } } } } }"), "after");
            assertBadInput(admin.run("{ influencers(first: 1, after: \"" + cursor("inf|" + marker + "|1") + "\") { totalCount } }"), "after");
        });
        assertFalse(String.join("\n", logs).contains(marker), String.join("\n", logs));
    }

    @Test
    void idsBeyondSixtyFourBitsAreBadUserInput() {
        GraphQLClient admin = TestTenants.admin(TestTenants.create("bad-id"));
        for (String path : BOTH_PATHS) {
            for (String id : List.of("99999999999999999999", "9223372036854775808")) {
                assertBadInput(admin.run("query($id: ID!) { contact(id: $id) " + path + " { id } }", Map.of("id", id)), "id");
                assertBadInput(admin.run("{ contact(id: \"" + id + "\") " + path + " { id } }"), "id");
            }
            // an id that is no number at all still names no row
            assertNull(admin.ok("{ contact(id: \"not-an-id\") " + path + " { id } }").get("data.contact"));
        }
        assertBadInput(admin.run("{ campaign(id: \"99999999999999999999\") { id } }"), "id");
        assertBadInput(admin.run("{ segment(id: \"99999999999999999999\") { id } }"), "id");
        assertBadInput(admin.run("mutation { updateContact(id: \"99999999999999999999\", input: { firstName: \"X\" }) { id } }"), "id");
    }

    @Test
    void namesHoldingTheCursorSeparatorPageCorrectly() {
        String tenant = TestTenants.create("pipe-names");
        String other = TestTenants.create("pipe-names-other");
        GraphQLClient admin = TestTenants.admin(tenant);
        List<String> names = List.of("a|b", "a|b|", "|lead", "trail|", "a||b", "a", "a|", "b|a", "||", "z|9|9");
        Map<String, String> ids = new HashMap<>();
        for (String name : names) {
            ids.put(admin.ok(CREATE, Map.of("n", name)).getString("data.createContact.id"), name);
            TestTenants.admin(other).ok(CREATE, Map.of("n", name + " (other tenant)"));
        }
        for (String path : BOTH_PATHS) {
            List<String> seen = new ArrayList<>();
            String after = null;
            for (int page = 0; page < 20; page++) {
                Map<String, Object> variables = new HashMap<>(Map.of("first", 3, "order", "NAME_ASC"));
                variables.put("after", after);
                JsonPath json = admin.ok(PAGE.formatted(path), variables);
                seen.addAll(json.getList("data.contacts.edges.node.id"));
                if (!json.getBoolean("data.contacts.pageInfo.hasNextPage")) {
                    break;
                }
                after = json.getString("data.contacts.pageInfo.endCursor");
            }
            // every contact of this tenant exactly once, none of the other tenant's
            assertEquals(names.size(), seen.size(), path + " " + seen);
            assertEquals(ids.keySet(), new java.util.HashSet<>(seen), path);
        }
    }

    @Test
    void aLifecycleNoteTooLargeForItsEventIsBadUserInput() {
        String tenant = TestTenants.create("big-note");
        GraphQLClient admin = TestTenants.admin(tenant);
        String id = admin.ok(CREATE, Map.of("n", "Noted")).getString("data.createContact.id");
        String move = "mutation($id: ID!, $note: String) { moveLifecycleStage(contactId: $id, stage: \"lead\", note: $note) { lifecycleStage } }";
        // 2,000 characters, but 12,000 bytes once JSON-escaped: pg_notify refuses more than 8,000
        assertBadInput(admin.run(move, Map.of("id", id, "note", "\u0001".repeat(2000))), "note");
        assertBadInput(admin.run(move, Map.of("id", id, "note", "x".repeat(2001))), "note");
        JsonPath contact = admin.ok("query($id: ID!) { contact(id: $id) { lifecycleStage lifecycleHistory { toStage } } }", Map.of("id", id));
        assertEquals(1, contact.getList("data.contact.lifecycleHistory").size(), "nothing written");
        // the largest notes allowed go through, events included
        assertEquals("lead", admin.ok(move, Map.of("id", id, "note", "\"".repeat(2000))).getString("data.moveLifecycleStage.lifecycleStage"));
        // and another tenant's contact stays out of reach
        JsonPath foreign = TestTenants.admin(TestTenants.create("big-note-other")).run(move, Map.of("id", id, "note", "x"));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(foreign), foreign.prettify());
    }

    static String cursor(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertBadInput(JsonPath json, String field) {
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(json), json.prettify());
        assertEquals(field, json.getString("errors[0].extensions.field"), json.prettify());
    }

    /** Everything logged while the work runs, messages and stack traces formatted. */
    private static List<String> captureLogs(Runnable work) {
        ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                StringWriter text = new StringWriter().append(record.getMessage()).append(' ')
                        .append(record.getParameters() == null ? "" : java.util.Arrays.toString(record.getParameters()));
                if (record.getThrown() != null) {
                    record.getThrown().printStackTrace(new PrintWriter(text));
                }
                lines.add(text.toString());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            work.run();
        } finally {
            root.removeHandler(capture);
        }
        return List.copyOf(lines);
    }
}
