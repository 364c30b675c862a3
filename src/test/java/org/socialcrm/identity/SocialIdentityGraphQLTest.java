package org.socialcrm.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TestTenants;
import org.socialcrm.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class SocialIdentityGraphQLTest {

    static final String TENANT = "lumen-cosmetics";
    static final String LINK = """
            mutation($contactId: ID!, $input: SocialIdentityInput!) { linkSocialIdentity(contactId: $contactId, input: $input) {
              id network handle externalId profileUrl verified isInfluencer topics followers tier influenceScore
              contact { id displayName } } }""";
    static final String MARK = """
            mutation($id: ID!, $influencer: Boolean!, $topics: [String!]) {
              markInfluencer(identityId: $id, influencer: $influencer, topics: $topics) { id isInfluencer topics } }""";

    final GraphQLClient admin = GraphQLClient.as(Tokens.tenantUser(TENANT, "crm-admin")).tenant(TENANT);

    @Inject
    TenantFixtures tenants;
    @Inject
    InfluenceScores scores;

    static String unique() {
        return Long.toString(System.nanoTime(), 36);
    }

    static String createContact(GraphQLClient client, String name) {
        return client.ok("mutation($input: ContactInput!) { createContact(input: $input) { id } }",
                Map.of("input", Map.of("firstName", name, "email", name.toLowerCase() + "-" + unique() + "@example.com",
                        "tags", List.of())))
                .getString("data.createContact.id");
    }

    static String link(GraphQLClient client, String contactId, String network, String handle) {
        return client.ok(LINK, Map.of("contactId", contactId, "input", Map.of("network", network, "handle", handle)))
                .getString("data.linkSocialIdentity.id");
    }

    @Test
    void linksWithNormalisedUniqueHandlesAndUnlinks() {
        String maya = createContact(admin, "Maya");
        String other = createContact(admin, "Other");
        String handle = "Maya_" + unique();
        JsonPath linked = admin.ok(LINK, Map.of("contactId", maya, "input", Map.of("network", "INSTAGRAM",
                "handle", "  @" + handle + " ", "externalId", "ext-1", "profileUrl", "https://instagram.example/" + handle,
                "verified", true)));
        String id = linked.getString("data.linkSocialIdentity.id");
        assertEquals("@" + handle, linked.getString("data.linkSocialIdentity.handle"));
        assertEquals("INSTAGRAM", linked.getString("data.linkSocialIdentity.network"));
        assertTrue(linked.getBoolean("data.linkSocialIdentity.verified"));
        assertFalse(linked.getBoolean("data.linkSocialIdentity.isInfluencer"));
        assertEquals(List.of(), linked.getList("data.linkSocialIdentity.topics"));
        assertNull(linked.get("data.linkSocialIdentity.followers"));
        assertNull(linked.get("data.linkSocialIdentity.tier"));
        assertEquals(maya, linked.getString("data.linkSocialIdentity.contact.id"));

        // same network, same handle once normalised: refused whichever contact it is for
        for (String variant : List.of(handle.toLowerCase(), "@" + handle.toUpperCase(), " " + handle + "\t")) {
            JsonPath duplicate = admin.run(LINK, Map.of("contactId", other, "input", Map.of("network", "INSTAGRAM", "handle", variant)));
            assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(duplicate), variant);
            assertEquals("handle", duplicate.getString("errors[0].extensions.field"));
        }
        // the same handle on another network is another identity
        String onX = link(admin, maya, "X", handle);

        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(admin.run(LINK,
                Map.of("contactId", maya, "input", Map.of("network", "X", "handle", " @ ")))));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(admin.run(LINK,
                Map.of("contactId", "999999999", "input", Map.of("network", "X", "handle", "nobody-" + unique())))));

        JsonPath contact = admin.ok("query($id: ID!) { contact(id: $id) { socialIdentities { id network handle contact { id } } } }",
                Map.of("id", maya));
        assertEquals(List.of(id, onX), contact.getList("data.contact.socialIdentities.id"));
        assertEquals(List.of(maya, maya), contact.getList("data.contact.socialIdentities.contact.id"));

        // batch resolution over a whole page of contacts
        JsonPath page = admin.ok("{ contacts(first: 200) { edges { node { id socialIdentities { id } } } } }");
        List<Map<String, Object>> edges = page.getList("data.contacts.edges.node");
        Map<String, Object> mayaNode = edges.stream().filter(n -> n.get("id").equals(maya)).findFirst().orElseThrow();
        assertEquals(2, ((List<?>) mayaNode.get("socialIdentities")).size());

        assertTrue(admin.ok("mutation($id: ID!) { unlinkSocialIdentity(id: $id) }", Map.of("id", onX))
                .getBoolean("data.unlinkSocialIdentity"));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(admin.run("mutation($id: ID!) { unlinkSocialIdentity(id: $id) }",
                Map.of("id", onX))));
        assertEquals(List.of(id), admin.ok("query($id: ID!) { contact(id: $id) { socialIdentities { id } } }", Map.of("id", maya))
                .getList("data.contact.socialIdentities.id"));
        // unlinked handles can be linked again
        link(admin, other, "X", "@" + handle);

        // a viewer may read but not link
        GraphQLClient viewer = GraphQLClient.as(Tokens.tenantUser(TENANT, "crm-viewer")).tenant(TENANT);
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(viewer.run(LINK,
                Map.of("contactId", maya, "input", Map.of("network", "TIKTOK", "handle", "v-" + unique())))));
    }

    @Test
    void marksInfluencersWithNormalisedTopics() {
        String contact = createContact(admin, "Ines");
        String id = link(admin, contact, "TIKTOK", "ines-" + unique());
        JsonPath marked = admin.ok(MARK, Map.of("id", id, "influencer", true, "topics", List.of(" Beauty ", "beauty", "SkinCare")));
        assertTrue(marked.getBoolean("data.markInfluencer.isInfluencer"));
        assertEquals(List.of("beauty", "skincare"), marked.getList("data.markInfluencer.topics"));

        Map<String, Object> keep = new HashMap<>();
        keep.put("id", id);
        keep.put("influencer", false);
        keep.put("topics", null);
        JsonPath unmarked = admin.ok(MARK, keep);
        assertFalse(unmarked.getBoolean("data.markInfluencer.isInfluencer"));
        assertEquals(List.of("beauty", "skincare"), unmarked.getList("data.markInfluencer.topics"), "no topics given keeps them");

        List<String> tooMany = new java.util.ArrayList<>();
        for (int i = 0; i < 21; i++) {
            tooMany.add("topic" + i);
        }
        JsonPath refused = admin.run(MARK, Map.of("id", id, "influencer", true, "topics", tooMany));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(refused));
        assertEquals("topics", refused.getString("errors[0].extensions.field"));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(admin.run(MARK, Map.of("id", "999999999", "influencer", true))));
    }

    @Test
    void refreshComputesSnapshotScoreAndContactMaximum() {
        String slug = tenants.createIsolated("idr", null);
        GraphQLClient own = TestTenants.admin(slug);
        String contact = createContact(own, "Ravi");
        String a = link(own, contact, "INSTAGRAM", "ravi");
        String b = link(own, contact, "X", "ravi");
        tenants.sql(slug, "insert into metric_point (identity_id, metric, observed_at, value) values "
                + "(" + a + ", 'followers', now() - interval '40 days', 500),"
                + "(" + a + ", 'followers', now() - interval '20 days', 1000),"
                + "(" + a + ", 'followers', now() - interval '1 day', 1250),"
                + "(" + a + ", 'engagement_rate', now() - interval '1 day', 0.03),"
                + "(" + a + ", 'following', now() - interval '1 day', 10),"
                + "(" + a + ", 'posts', now() - interval '2 days', 99)");
        tenants.inTenant(slug, c -> scores.refresh(c, new long[] { Long.parseLong(a), Long.parseLong(b), 987654321L }));

        double expected = InfluenceScore.compute(1250L, 0.03, 0.25);
        JsonPath read = own.ok("""
                query($id: ID!) { contact(id: $id) { influenceScore socialIdentities {
                  id followers following posts engagementRate influenceScore tier lastSyncedAt
                  all: metrics(metric: "followers") { metric observedAt value } } } }""", Map.of("id", contact));
        String since = java.time.OffsetDateTime.now().minusDays(30).toString();
        JsonPath recent = own.ok("""
                query($id: ID!, $since: DateTime) { contact(id: $id) { socialIdentities {
                  metrics(metric: "followers", from: $since) { value } } } }""", Map.of("id", contact, "since", since));
        // two series in one request: each alias is batched with its own arguments
        JsonPath both = own.ok("""
                query($id: ID!, $since: DateTime) { contact(id: $id) { socialIdentities {
                  all: metrics(metric: "followers") { value } recent: metrics(metric: "followers", from: $since) { value }
                  posts: metrics(metric: "posts") { value } } } }""",
                Map.of("id", contact, "since", since));
        assertEquals(List.of(500f, 1000f, 1250f), both.getList("data.contact.socialIdentities[0].all.value"));
        assertEquals(List.of(1000f, 1250f), both.getList("data.contact.socialIdentities[0].recent.value"));
        assertEquals(List.of(99f), both.getList("data.contact.socialIdentities[0].posts.value"));
        assertEquals(expected, read.getDouble("data.contact.influenceScore"), 1e-4);
        Map<String, Object> identityA = read.getMap("data.contact.socialIdentities[0]");
        assertEquals(a, identityA.get("id"));
        assertEquals(1250, identityA.get("followers"));
        assertEquals(10, identityA.get("following"));
        assertEquals(99, identityA.get("posts"));
        assertEquals(0.03, ((Number) identityA.get("engagementRate")).doubleValue(), 1e-6);
        assertEquals(expected, ((Number) identityA.get("influenceScore")).doubleValue(), 1e-4);
        assertEquals("NANO", identityA.get("tier"));
        assertNotNull(identityA.get("lastSyncedAt"));
        assertEquals(List.of(500f, 1000f, 1250f), read.getList("data.contact.socialIdentities[0].all.value"));
        assertEquals(List.of("followers", "followers", "followers"), read.getList("data.contact.socialIdentities[0].all.metric"));
        assertEquals(List.of(1000f, 1250f), recent.getList("data.contact.socialIdentities[0].metrics.value"));
        assertNull(read.get("data.contact.socialIdentities[1].influenceScore"), "no metrics, no score");
        assertEquals(List.of(), read.getList("data.contact.socialIdentities[1].all"));

        // the contact's score follows its identities
        own.ok("mutation($id: ID!) { unlinkSocialIdentity(id: $id) }", Map.of("id", a));
        assertNull(own.ok("query($id: ID!) { contact(id: $id) { influenceScore } }", Map.of("id", contact))
                .get("data.contact.influenceScore"));
    }

    @Test
    void influencersAreRankedFilteredAndPaged() {
        String slug = tenants.createIsolated("idi", null);
        GraphQLClient own = TestTenants.admin(slug);
        String contact = createContact(own, "Roster");
        String mega = influencer(own, contact, "INSTAGRAM", "mega", List.of("beauty"));
        String micro = influencer(own, contact, "X", "micro", List.of("Beauty", "tech"));
        String mid = influencer(own, contact, "INSTAGRAM", "mid", List.of("tech"));
        String nano = influencer(own, contact, "TIKTOK", "nano", List.of());
        String unscored = influencer(own, contact, "X", "unscored", List.of());
        String notInfluencer = link(own, contact, "INSTAGRAM", "bystander");
        tenants.sql(slug, "insert into metric_point (identity_id, metric, observed_at, value) values "
                + "(" + mega + ", 'followers', now(), 2000000), (" + mega + ", 'engagement_rate', now(), 0.02),"
                + "(" + micro + ", 'followers', now(), 50000), (" + micro + ", 'engagement_rate', now(), 0.05),"
                + "(" + mid + ", 'followers', now(), 300000), (" + mid + ", 'engagement_rate', now(), 0.01),"
                + "(" + nano + ", 'followers', now(), 5000), (" + nano + ", 'engagement_rate', now(), 0.09),"
                + "(" + notInfluencer + ", 'followers', now(), 900000)");
        tenants.inTenant(slug, c -> scores.refresh(c, List.of(mega, micro, mid, nano, unscored, notInfluencer).stream()
                .mapToLong(Long::parseLong).toArray()));

        List<String> byScore = new java.util.ArrayList<>(List.of(mega, micro, mid, nano));
        Map<String, Double> score = Map.of(mega, InfluenceScore.compute(2_000_000L, 0.02, null),
                micro, InfluenceScore.compute(50_000L, 0.05, null), mid, InfluenceScore.compute(300_000L, 0.01, null),
                nano, InfluenceScore.compute(5_000L, 0.09, null));
        byScore.sort((x, y) -> Double.compare(score.get(y), score.get(x)));
        byScore.add(unscored);

        // pages of two, following the cursors, add up to the whole ranking
        String query = """
                query($after: String) { influencers(first: 2, after: $after) { totalCount
                  edges { cursor node { id influenceScore tier } } pageInfo { hasNextPage endCursor } } }""";
        List<String> seen = new java.util.ArrayList<>();
        String after = null;
        for (int pageNo = 0; pageNo < 10; pageNo++) {
            Map<String, Object> vars = new HashMap<>();
            vars.put("after", after);
            JsonPath page = own.ok(query, vars);
            assertEquals(5, page.getInt("data.influencers.totalCount"));
            seen.addAll(page.getList("data.influencers.edges.node.id"));
            if (!page.getBoolean("data.influencers.pageInfo.hasNextPage")) {
                break;
            }
            after = page.getString("data.influencers.pageInfo.endCursor");
        }
        assertEquals(byScore, seen);

        assertEquals(List.of(mega, mid).stream().sorted((x, y) -> Double.compare(score.get(y), score.get(x))).toList(),
                ids(own, "network: INSTAGRAM"));
        assertEquals(List.of(micro), ids(own, "tier: MICRO"));
        assertEquals(List.of(mega), ids(own, "tier: MEGA"));
        assertEquals(List.of(nano), ids(own, "tier: NANO"));
        assertEquals(byScore.subList(0, 4).stream().filter(id -> List.of(micro, mid).contains(id)).toList(), ids(own, "topic: \" Tech\""));
        double threshold = score.get(micro);
        List<String> above = byScore.subList(0, 4).stream().filter(id -> score.get(id) >= threshold).toList();
        assertEquals(above, ids(own, "minScore: " + threshold));
        assertEquals(above.size(), own.ok("{ influencers(minScore: " + threshold + ") { totalCount } }")
                .getInt("data.influencers.totalCount"));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(own.run("{ influencers(after: \"bm9wZQ\") { totalCount } }")));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(own.run("{ influencers(first: 500) { totalCount } }")));

        // another tenant sees none of it, and cannot touch it
        JsonPath lumen = admin.ok("{ influencers(first: 200) { edges { node { id handle } } } }");
        assertFalse(lumen.getList("data.influencers.edges.node.handle").contains("mega"));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(admin.run(MARK, Map.of("id", mega, "influencer", false))));
    }

    @Test
    void otherTenantsAreOutOfReach() {
        String slug = tenants.createIsolated("idx", null);
        GraphQLClient own = TestTenants.admin(slug);
        String contact = createContact(own, "Private");
        String identity = link(own, contact, "X", "private-" + unique());
        // lumen's admin names the other tenant: refused
        GraphQLClient trespasser = GraphQLClient.as(Tokens.tenantUser(TENANT, "crm-admin")).tenant(slug);
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(trespasser.run("{ influencers { totalCount } }")));
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(trespasser.run(LINK,
                Map.of("contactId", contact, "input", Map.of("network", "X", "handle", "intruder-" + unique())))));
        // lumen's admin uses the other tenant's ids in its own tenant: not found
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(admin.run(LINK,
                Map.of("contactId", contact, "input", Map.of("network", "X", "handle", "intruder-" + unique())))));
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(admin.run("mutation($id: ID!) { unlinkSocialIdentity(id: $id) }",
                Map.of("id", identity))));
        assertEquals(List.of(identity), own.ok("query($id: ID!) { contact(id: $id) { socialIdentities { id } } }",
                Map.of("id", contact)).getList("data.contact.socialIdentities.id"));
    }

    private String influencer(GraphQLClient client, String contact, String network, String handle, List<String> topics) {
        String id = link(client, contact, network, handle);
        client.ok(MARK, Map.of("id", id, "influencer", true, "topics", topics));
        return id;
    }

    private static List<String> ids(GraphQLClient client, String arguments) {
        return client.ok("{ influencers(first: 50, " + arguments + ") { edges { node { id } } } }")
                .getList("data.influencers.edges.node.id");
    }
}
