package org.socialcrm.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.GraphQLWs;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.Tokens;
import org.socialcrm.tenancy.TenantDirectory;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Issue 19 point 7, "subscriptions stay authorized": nested fields of a subscription event resolve in the subscriber's
 * tenant every time, and a stream ends when its token expires or its tenant is suspended.
 */
@QuarkusTest
class SubscriptionsStayAuthorizedTest {

    static final String SUBSCRIPTION = "subscription { lifecycleChanged { toStage note contact { id lifecycleStage } } }";
    /** An agency of this class's own, so that its tenants do not show up in other tests' view of the demo agencies. */
    static final String AGENCY = "subscriptions-agency";

    @Inject
    Vertx vertx;
    @Inject
    TenantFixtures fixtures;
    @Inject
    TenantDirectory directory;
    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @org.junit.jupiter.api.BeforeEach
    void ownAgency() {
        pool.preparedQuery("insert into control.agency (id, name) values ($1, 'Subscriptions test agency') on conflict do nothing")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(AGENCY)).await().indefinitely();
    }

    /** A tenant of the agency, its ids far from every other tenant's. */
    String agencyTenant(String prefix) {
        String slug = prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        GraphQLClient.as(Tokens.user().roles("platform-admin").sign()).ok("mutation($i: CreateTenantInput!) { createTenant(input: $i) { slug } }",
                Map.of("i", Map.of("slug", slug, "name", "Test " + slug, "kind", "CLIENT", "agencyId", AGENCY)));
        long start = 1_000_000_000L + (System.nanoTime() % 1_000_000L) * 1000;
        fixtures.restartIds(slug, "contact", start);
        return slug;
    }

    static String agencyToken(Instant expiresAt) {
        return Tokens.user().agency(AGENCY).roles("agency-admin").expiresAt(expiresAt).sign();
    }

    @Test
    void subscriptionsStayAuthorizedNestedContactResolvesInTheSubscribersTenantUnderConcurrentTraffic() throws Exception {
        String first = agencyTenant("sa-one");
        String second = agencyTenant("sa-two");
        String token = agencyToken(Instant.now().plus(Duration.ofMinutes(30)));
        GraphQLClient one = GraphQLClient.as(token).tenant(first);
        GraphQLClient two = GraphQLClient.as(token).tenant(second);
        int perTenant = 25;
        List<String> firstContacts = new ArrayList<>();
        List<String> secondContacts = new ArrayList<>();
        for (int i = 0; i < perTenant; i++) {
            firstContacts.add(LifecycleGraphQLTest.createContact(one, "One" + i));
            secondContacts.add(LifecycleGraphQLTest.createContact(two, "Two" + i));
        }
        try (GraphQLWs onFirst = GraphQLWs.connect(vertx, token, first); GraphQLWs onSecond = GraphQLWs.connect(vertx, token, second)) {
            onFirst.subscribe("1", SUBSCRIPTION, Map.of());
            onSecond.subscribe("1", SUBSCRIPTION, Map.of());
            Thread.sleep(1000); // graphql-transport-ws does not confirm a subscription
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int i = 0; i < perTenant; i++) {
                    String a = firstContacts.get(i);
                    String b = secondContacts.get(i);
                    work.add(pool.submit(() -> one.ok(LifecycleGraphQLTest.MOVE, LifecycleGraphQLTest.move(a, "lead", null, a))));
                    work.add(pool.submit(() -> two.ok(LifecycleGraphQLTest.MOVE, LifecycleGraphQLTest.move(b, "lead", null, b))));
                    // other tenants' traffic in between
                    work.add(pool.submit(() -> GraphQLClient.as(Tokens.tenantUser("lumen-cosmetics", "crm-viewer"))
                            .tenant("lumen-cosmetics").ok("{ contacts(first: 5) { edges { node { id } } } }")));
                }
                for (Future<?> f : work) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            assertEveryEventHasItsOwnContact(onFirst, firstContacts);
            assertEveryEventHasItsOwnContact(onSecond, secondContacts);
        }
    }

    private static void assertEveryEventHasItsOwnContact(GraphQLWs session, List<String> contacts) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> session.messages().stream()
                .filter(m -> !"connection_ack".equals(m.getString("type"))).count() >= contacts.size());
        List<JsonObject> events = session.data("1", "lifecycleChanged");
        assertEquals(contacts.size(), events.size(), session.messages().toString());
        for (JsonObject event : events) {
            assertNotNull(event, session.messages().toString());
            assertNotNull(event.getJsonObject("contact"), "contact: null in " + session.messages());
            assertEquals(event.getString("note"), event.getJsonObject("contact").getString("id"));
            assertTrue(contacts.contains(event.getString("note")), "another tenant's move reached the subscriber: " + event);
        }
        assertTrue(session.messages().stream().noneMatch(m -> m.containsKey("payload") && m.encode().contains("errors")),
                session.messages().toString());
    }

    @Test
    void subscriptionsStayAuthorizedStreamEndsWhenTheTokenExpires() throws Exception {
        String tenant = agencyTenant("sa-exp");
        try (GraphQLWs session = GraphQLWs.connect(vertx, agencyToken(Instant.now().plusSeconds(8)), tenant)) {
            session.subscribe("1", SUBSCRIPTION, Map.of());
            Thread.sleep(1000);
            assertTrue(session.messages().stream().noneMatch(m -> m.encode().contains("UNAUTHENTICATED")), session.messages().toString());
            try {
                Awaitility.await().atMost(Duration.ofSeconds(25)).until(() -> session.closed().get() || session.messages().stream()
                        .anyMatch(m -> "complete".equals(m.getString("type")) || "error".equals(m.getString("type"))
                                || m.encode().contains("UNAUTHENTICATED")));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("the stream outlived its token: " + session.messages());
            }
        }
    }

    @Test
    void subscriptionsStayAuthorizedStreamEndsWhenTheTenantIsSuspended() throws Exception {
        String tenant = agencyTenant("sa-sus");
        try (GraphQLWs session = GraphQLWs.connect(vertx, agencyToken(Instant.now().plus(Duration.ofMinutes(30))), tenant)) {
            session.subscribe("1", SUBSCRIPTION, Map.of());
            Thread.sleep(1000);
            fixtures.sql(tenant, "update control.tenant set status = 'SUSPENDED' where slug = '" + tenant + "'");
            directory.invalidate(tenant);
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> session.messages().stream()
                    .anyMatch(m -> "complete".equals(m.getString("type")) || "error".equals(m.getString("type"))
                            || m.encode().contains("FORBIDDEN")));
        } finally {
            fixtures.sql("lumen-cosmetics", "update control.tenant set status = 'ACTIVE' where slug = '" + tenant + "'");
            directory.invalidate(tenant);
        }
    }
}
