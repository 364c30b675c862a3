package org.socialcrm.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.socialcrm.audit.AuditLog;
import org.socialcrm.campaign.CampaignTestSupport;
import org.socialcrm.change.ChangeLog;
import org.socialcrm.change.ChangeTypes;
import org.socialcrm.common.outbound.OutboundConfig;
import org.socialcrm.common.outbound.OutboundPolicy;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.Tokens;
import org.socialcrm.tenancy.TenancyStartup;
import org.socialcrm.tenancy.TenantDirectory;
import org.socialcrm.tenancy.TenantTransactions;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** Webhook deliveries to a real HTTP receiver on loopback. */
@QuarkusTest
class WebhookDeliveryTest {

    static final String CREATE = """
            mutation($i: WebhookInput!) { createWebhook(input: $i) { secret webhook { id url events active failingSince } } }""";
    static final String DELIVERIES = """
            query($id: ID!) { webhookDeliveries(webhookId: $id) { totalCount edges { node {
              id deliveryId status attempts lastResponseCode deliveredAt change { type subjectId } } } } }""";

    @Inject
    Vertx vertx;
    @Inject
    TenantFixtures fixtures;
    @Inject
    WebhookDispatcher dispatcher;
    @Inject
    ChangeLog changeLog;
    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;
    @Inject
    TenantDirectory directory;
    @Inject
    TenantTransactions transactions;
    @Inject
    WebhookSecrets secrets;
    @Inject
    AuditLog audit;
    @Inject
    WebhookConfig config;
    @Inject
    TenancyStartup startup;

    /** Outbound rules as in production for addresses (http allowed, to reach the local receiver). */
    record PublicOnly(boolean allowPrivateAddresses, boolean allowHttp, Duration connectTimeout, Duration timeout) implements OutboundConfig {
    }

    static GraphQLClient admin(String slug) {
        return GraphQLClient.as(Tokens.tenantUser(slug, "crm-admin")).tenant(slug);
    }

    static JsonPath create(GraphQLClient admin, String url, List<String> events) {
        return admin.ok(CREATE, Map.of("i", Map.of("url", url, "events", events)));
    }

    void deliverUntil(java.util.concurrent.Callable<Boolean> done) {
        deliverUntil(Duration.ofSeconds(60), done);
    }

    void deliverUntil(Duration atMost, java.util.concurrent.Callable<Boolean> done) {
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> {
            dispatcher.runDue().await().atMost(atMost);
            return done.call();
        });
    }

    /** The documented recipe (docs/webhooks.md): HMAC-SHA256 of "<t>.<body>" keyed with the secret, hex. */
    static boolean verifies(String secret, String header, String body) throws Exception {
        Map<String, String> parts = new HashMap<>();
        for (String part : header.split(",")) {
            String[] kv = part.split("=", 2);
            parts.put(kv[0], kv[1]);
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((parts.get("t") + "." + body).getBytes(StandardCharsets.UTF_8)));
        long age = System.currentTimeMillis() / 1000 - Long.parseLong(parts.get("t"));
        return expected.equals(parts.get("v1")) && age >= 0 && age < 300;
    }

    @Test
    void aDeliveryIsSignedAsDocumentedAndOnlyItsTenantsWebhookReceivesIt() throws Exception {
        String slug = fixtures.createIsolated("wh", null);
        String other = fixtures.createIsolated("who", null);
        try (WebhookReceiver receiver = new WebhookReceiver(vertx)) {
            JsonPath created = create(admin(slug), receiver.url("/mine"), List.of("contact.created"));
            String secret = created.getString("data.createWebhook.secret");
            assertTrue(secret.length() >= 64);
            create(admin(other), receiver.url("/other"), List.of("*"));
            assertFalse(admin(slug).ok("{ webhooks { id url } }").prettify().contains("secret"));

            String contact = CampaignTestSupport.createContact(admin(slug), "Signed");
            deliverUntil(() -> !receiver.at("/mine").isEmpty());
            WebhookReceiver.Received got = receiver.at("/mine").get(0);
            assertEquals("contact.created", got.event());
            assertNotNull(got.delivery());
            assertTrue(verifies(secret, got.signature(), got.body()), got.signature());
            assertFalse(verifies(secret, got.signature(), got.body() + " "), "a changed body must not verify");
            assertEquals(contact, got.json().getString("subjectId"));
            assertEquals("contact.created", got.json().getString("type"));
            assertTrue(receiver.at("/other").stream().noneMatch(r -> r.body().contains("\"" + contact + "\"")),
                    "another tenant's webhook received this tenant's change");
            String webhookId = created.getString("data.createWebhook.webhook.id");
            JsonPath deliveries = admin(slug).ok(DELIVERIES, Map.of("id", webhookId));
            assertEquals("SUCCEEDED", deliveries.getString("data.webhookDeliveries.edges[0].node.status"));
            assertEquals(got.delivery(), deliveries.getString("data.webhookDeliveries.edges[0].node.deliveryId"));
            // another tenant's admin, naming the same webhook id, reaches only its own tenant's webhook and deliveries
            String theirs = admin(other).run(DELIVERIES, Map.of("id", webhookId)).prettify();
            assertFalse(theirs.contains(got.delivery()) || theirs.contains("\"" + contact + "\""), theirs);
            assertFalse(admin(other).ok("{ webhooks { url } }").prettify().contains("/mine"));
        }
    }

    @Test
    void aReceiverAnswering500Then200GetsTheChangeTwiceWithTheSameDeliveryId() throws Exception {
        String slug = fixtures.createIsolated("whr", null);
        try (WebhookReceiver receiver = new WebhookReceiver(vertx)) {
            receiver.answer("/flaky", call -> call == 1 ? 500 : 200);
            String webhookId = create(admin(slug), receiver.url("/flaky"), List.of("*")).getString("data.createWebhook.webhook.id");
            String contact = CampaignTestSupport.createContact(admin(slug), "Retried");
            deliverUntil(() -> receiver.at("/flaky").size() >= 2);
            Thread.sleep(300);
            dispatcher.runDue().await().indefinitely();
            List<WebhookReceiver.Received> got = receiver.at("/flaky");
            assertEquals(2, got.size(), "nothing lost, nothing more: " + got);
            assertEquals(got.get(0).delivery(), got.get(1).delivery());
            assertEquals(got.get(0).body().replaceAll("\"at\":\"[^\"]*\"", ""), got.get(1).body().replaceAll("\"at\":\"[^\"]*\"", ""));
            assertEquals(contact, got.get(1).json().getString("subjectId"));
            JsonPath deliveries = admin(slug).ok(DELIVERIES, Map.of("id", webhookId));
            assertEquals("SUCCEEDED", deliveries.getString("data.webhookDeliveries.edges[0].node.status"));
            assertEquals(2, deliveries.getInt("data.webhookDeliveries.edges[0].node.attempts"));
            assertEquals(200, deliveries.getInt("data.webhookDeliveries.edges[0].node.lastResponseCode"));
            assertNotNull(admin(slug).ok("{ webhooks { lastSuccessAt failingSince } }").getString("data.webhooks[0].lastSuccessAt"));
            // redeliver sends it once more, as a new delivery
            String deliveryId = deliveries.getString("data.webhookDeliveries.edges[0].node.id");
            admin(slug).ok("mutation($id: ID!) { redeliver(deliveryId: $id) { id status } }", Map.of("id", deliveryId));
            deliverUntil(() -> receiver.at("/flaky").size() >= 3);
            assertFalse(receiver.at("/flaky").get(2).delivery().equals(got.get(0).delivery()));
        }
    }

    @Test
    void aReplicaStoppedMidDeliveryLosesItToAnotherOnceItsLeaseExpires() throws Exception {
        String slug = fixtures.createIsolated("whl", null);
        try (WebhookReceiver receiver = new WebhookReceiver(vertx)) {
            create(admin(slug), receiver.url("/lease"), List.of("*"));
            String contact = CampaignTestSupport.createContact(admin(slug), "Leased");
            List<WebhookDispatcher.Leased> taken = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                taken.addAll(dispatcher.leaseWithoutSending("stopped-replica").await().indefinitely());
                return taken.stream().anyMatch(l -> l.change().subjectId().equals(contact));
            });
            // while the stopped replica's lease holds, nobody else delivers it
            dispatcher.runDue().await().indefinitely();
            assertTrue(receiver.at("/lease").isEmpty(), "delivered while another replica held the lease");
            // then its lease expires (10 s in tests) and this replica delivers
            deliverUntil(() -> !receiver.at("/lease").isEmpty());
            assertEquals(contact, receiver.at("/lease").get(0).json().getString("subjectId"));
            String delivery = taken.stream().filter(l -> l.change().subjectId().equals(contact)).findFirst().orElseThrow().uid();
            assertEquals(delivery, receiver.at("/lease").get(0).delivery(), "the delivery id stays the same");
        }
    }

    @Test
    void tenThousandChangesUnderConcurrentWritesArriveCompleteAndInPerContactOrder() throws Exception {
        String slug = fixtures.createIsolated("whk", null);
        int writers = 8;
        int subjectsPerWriter = 125;
        int transactionsPerWriter = 125;
        int perTransaction = 10;
        try (WebhookReceiver receiver = new WebhookReceiver(vertx)) {
            create(admin(slug), receiver.url("/bulk"), List.of(ChangeTypes.CONTACT_UPDATED));
            long started = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    work.add(pool.submit(() -> {
                        int[] seq = new int[subjectsPerWriter];
                        for (int t = 0; t < transactionsPerWriter; t++) {
                            long[] subjects = new long[perTransaction];
                            JsonObject[] data = new JsonObject[perTransaction];
                            for (int i = 0; i < perTransaction; i++) {
                                int local = (t * perTransaction + i) % subjectsPerWriter;
                                subjects[i] = writer * 1000L + local;
                                data[i] = new JsonObject().put("seq", seq[local]++);
                            }
                            fixtures.inTenant(slug, c -> changeLog.recordAll(c, ChangeTypes.CONTACT_UPDATED, subjects, data));
                        }
                    }));
                }
                for (Future<?> f : work) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            long written = System.nanoTime();
            int total = writers * transactionsPerWriter * perTransaction;
            try {
                // generous: this checks completeness and order; the rate it prints is only meaningful on a quiet machine
                deliverUntil(Duration.ofSeconds(300),
                        () -> receiver.at("/bulk").stream().map(WebhookReceiver.Received::delivery).distinct().count() >= total);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("delivered " + receiver.at("/bulk").size() + " of " + total + " in 300 s after writing them in "
                        + (written - started) / 1_000_000 + " ms");
            }
            long delivered = System.nanoTime();
            Map<String, List<Integer>> bySubject = new HashMap<>();
            for (WebhookReceiver.Received r : receiver.at("/bulk")) {
                JsonObject json = r.json();
                bySubject.computeIfAbsent(json.getString("subjectId"), k -> new ArrayList<>()).add(json.getJsonObject("data").getInteger("seq"));
            }
            assertEquals(writers * subjectsPerWriter, bySubject.size());
            int expectedPerSubject = total / (writers * subjectsPerWriter);
            bySubject.forEach((subject, seqs) -> {
                List<Integer> distinctRuns = new ArrayList<>();
                for (Integer s : seqs) {
                    if (distinctRuns.isEmpty() || !distinctRuns.get(distinctRuns.size() - 1).equals(s)) {
                        distinctRuns.add(s);
                    }
                }
                for (int i = 0; i < distinctRuns.size(); i++) {
                    assertEquals(i, distinctRuns.get(i), "subject " + subject + " out of order: " + seqs);
                }
                assertEquals(expectedPerSubject, distinctRuns.size(), "subject " + subject);
            });
            System.out.printf("webhook-bench: wrote %d changes in %d ms, delivered them in %d ms (%.0f deliveries/s)%n", total,
                    (written - started) / 1_000_000, (delivered - written) / 1_000_000, total / ((delivered - written) / 1e9));
        }
    }

    @Test
    void failingDeliveriesGiveUpAndAnEndpointFailingForADayIsDeactivatedWithAReason() throws Exception {
        String slug = fixtures.createIsolated("whf", null);
        try (WebhookReceiver receiver = new WebhookReceiver(vertx)) {
            receiver.answer("/dead", call -> 503);
            String webhookId = create(admin(slug), receiver.url("/dead"), List.of("*")).getString("data.createWebhook.webhook.id");
            CampaignTestSupport.createContact(admin(slug), "Doomed");
            deliverUntil(() -> !receiver.at("/dead").isEmpty());
            assertNotNull(admin(slug).ok("{ webhooks { failingSince } }").getString("data.webhooks[0].failingSince"));
            // a day later: the delivery gives up, the endpoint is deactivated and says why
            fixtures.sql(slug, "update webhook set failing_since = now() - interval '25 hours'");
            CampaignTestSupport.createContact(admin(slug), "Later");
            fixtures.sql(slug, "update webhook_delivery set created_at = now() - interval '25 hours' where attempts > 0");
            deliverUntil(() -> !admin(slug).ok("{ webhooks { active } }").getBoolean("data.webhooks[0].active"));
            JsonPath hooks = admin(slug).ok("{ webhooks { active disabledReason } }");
            assertTrue(hooks.getString("data.webhooks[0].disabledReason").contains("HTTP 503"), hooks.prettify());
            JsonPath deliveries = admin(slug).ok(DELIVERIES, Map.of("id", webhookId));
            assertTrue(deliveries.getList("data.webhookDeliveries.edges.node.status").contains("FAILED"), deliveries.prettify());
            JsonPath audit = admin(slug).ok("{ auditEvents(first: 50) { edges { node { action target } } } }");
            assertTrue(audit.getList("data.auditEvents.edges.node.action").contains("webhook.deactivated"), audit.prettify());
        }
    }

    @Test
    void onlyAdminsManageWebhooksAndBadInputIsRefused() throws Exception {
        String slug = fixtures.createIsolated("wha", null);
        Map<String, Object> input = Map.of("url", "http://127.0.0.1:9/hook", "events", List.of("*"));
        for (String role : List.of("crm-viewer", "crm-analyst")) {
            GraphQLClient client = GraphQLClient.as(Tokens.tenantUser(slug, role)).tenant(slug);
            assertEquals("FORBIDDEN", GraphQLClient.errorCode(client.run(CREATE, Map.of("i", input))), role);
            assertEquals("FORBIDDEN", GraphQLClient.errorCode(client.run("{ webhooks { id } }", Map.of())), role);
        }
        GraphQLClient partner = GraphQLClient.as(Tokens.partner(slug, "contacts:write")).tenant(slug);
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(partner.run(CREATE, Map.of("i", input))));
        JsonPath ftp = admin(slug).run(CREATE, Map.of("i", Map.of("url", "ftp://example.com/x", "events", List.of("*"))));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(ftp));
        assertEquals("input.url", ftp.getString("errors[0].extensions.field"));
        JsonPath unknown = admin(slug).run(CREATE, Map.of("i", Map.of("url", "http://127.0.0.1:9/x", "events", List.of("contact.exploded"))));
        assertEquals("input.events", unknown.getString("errors[0].extensions.field"));
        assertTrue(admin(slug).ok("{ webhooks { id } }").getList("data.webhooks").isEmpty(), "nothing half-written");
        GraphQLClient agency = GraphQLClient.as(Tokens.user().tenants(slug).roles("agency-admin").sign()).tenant(slug);
        String id = agency.ok(CREATE, Map.of("i", input)).getString("data.createWebhook.webhook.id");
        agency.ok("mutation($id: ID!, $i: WebhookInput!) { updateWebhook(id: $id, input: $i) { id active } }",
                Map.of("id", id, "i", Map.of("url", "http://127.0.0.1:9/moved", "events", List.of("contact.created"), "active", false)));
        assertEquals(true, agency.ok("mutation($id: ID!) { deleteWebhook(id: $id) }", Map.of("id", id)).getBoolean("data.deleteWebhook"));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(agency.run("mutation($id: ID!) { deleteWebhook(id: $id) }", Map.of("id", id))));
    }

    @Test
    void anEndpointThatNeverAnswersDelaysNoOtherTenant() throws Exception {
        String dead = fixtures.createIsolated("whd", null);
        String alive = fixtures.createIsolated("whv", null);
        try (WebhookReceiver receiver = new WebhookReceiver(vertx)) {
            receiver.answer("/hang", call -> WebhookReceiver.NO_ANSWER);
            create(admin(dead), receiver.url("/hang"), List.of("*"));
            create(admin(alive), receiver.url("/alive"), List.of("*"));
            for (int i = 0; i < 3; i++) {
                CampaignTestSupport.createContact(admin(dead), "Stuck" + i);
            }
            String contact = CampaignTestSupport.createContact(admin(alive), "Alive");
            // the dead tenant has waited longer, so it is leased first; its requests hang until the 10 s timeout
            java.util.concurrent.CompletableFuture<Integer> run = dispatcher.runDue().subscribeAsCompletionStage().toCompletableFuture();
            Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !receiver.at("/alive").isEmpty());
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> receiver.at("/hang").size() == 3);
            assertFalse(run.isDone(), "the dead endpoint's requests are still waiting for an answer");
            assertEquals(contact, receiver.at("/alive").get(0).json().getString("subjectId"));
            assertTrue(receiver.at("/hang").stream().noneMatch(r -> r.body().contains("\"" + contact + "\"")));
            run.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void aFailedDeliveryHoldsBackItsContactsLaterChangesWhichThenFollowInOrder() throws Exception {
        String slug = fixtures.createIsolated("who", null);
        try (WebhookReceiver receiver = new WebhookReceiver(vertx)) {
            receiver.answer("/order", call -> call == 2 ? 500 : 200);
            String webhookId = create(admin(slug), receiver.url("/order"), List.of(ChangeTypes.CONTACT_UPDATED))
                    .getString("data.createWebhook.webhook.id");
            JsonObject[] data = new JsonObject[4];
            for (int i = 0; i < data.length; i++) {
                data[i] = new JsonObject().put("seq", i);
            }
            fixtures.inTenant(slug, c -> changeLog.recordAll(c, ChangeTypes.CONTACT_UPDATED, new long[] { 7, 7, 7, 7 }, data));
            deliverUntil(() -> receiver.at("/order").size() >= 5);
            Thread.sleep(300);
            dispatcher.runDue().await().indefinitely();
            assertEquals(List.of(0, 1, 1, 2, 3), receiver.at("/order").stream()
                    .map(r -> r.json().getJsonObject("data").getInteger("seq")).toList(), "the retry comes before the later changes");
            JsonPath deliveries = admin(slug).ok("""
                    query($id: ID!) { webhookDeliveries(webhookId: $id) { edges { node { status attempts change { data } } } } }""",
                    Map.of("id", webhookId));
            Map<Integer, Integer> attempts = new HashMap<>();
            List<Map<String, Object>> nodes = deliveries.getList("data.webhookDeliveries.edges.node");
            for (Map<String, Object> node : nodes) {
                assertEquals("SUCCEEDED", node.get("status"));
                @SuppressWarnings("unchecked")
                Map<String, Object> change = (Map<String, Object>) node.get("change");
                attempts.put(((Map<?, ?>) change.get("data")).get("seq") instanceof Integer n ? n : -1, (Integer) node.get("attempts"));
            }
            assertEquals(Map.of(0, 1, 1, 2, 2, 1, 3, 1), attempts, "held-back deliveries count no attempt");
        }
    }

    @Test
    void whereDeploymentsRefusePrivateAddressesAWebhookResolvingToOneIsNeverCalled() throws Exception {
        String slug = fixtures.createIsolated("whp", null);
        try (WebhookReceiver receiver = new WebhookReceiver(vertx)) {
            // stored while tests allow loopback URLs; the dispatcher of a deployment that refuses them checks every call
            String webhookId = create(admin(slug), receiver.url("/private"), List.of("*")).getString("data.createWebhook.webhook.id");
            CampaignTestSupport.createContact(admin(slug), "Private");
            WebhookDispatcher strict = new WebhookDispatcher(pool, directory, transactions, secrets,
                    new OutboundPolicy(new PublicOnly(false, true, Duration.ofSeconds(2), Duration.ofSeconds(5))), audit, config, startup,
                    io.vertx.mutiny.core.Vertx.newInstance(vertx));
            try {
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
                    strict.runDue().await().atMost(Duration.ofSeconds(60));
                    return admin(slug).ok(DELIVERIES, Map.of("id", webhookId)).getInt("data.webhookDeliveries.edges[0].node.attempts") > 0;
                });
            } finally {
                strict.close();
            }
            assertTrue(receiver.at("/private").isEmpty(), "a refused address was called");
            JsonPath deliveries = admin(slug).ok(DELIVERIES, Map.of("id", webhookId));
            assertEquals("RETRYING", deliveries.getString("data.webhookDeliveries.edges[0].node.status"));
            assertNull(deliveries.get("data.webhookDeliveries.edges[0].node.lastResponseCode"));
        }
    }
}
