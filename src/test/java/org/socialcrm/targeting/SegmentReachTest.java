package org.socialcrm.targeting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.socialcrm.targeting.TargetingData.names;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.TestTenants;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** reachableBy per channel (consent, doNotContact, a usable address) and segmentReach, on {@link TargetingData}. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SegmentReachTest {

    static final String REACHABLE = "query($c: ContactChannel) { contacts(first: 100, filter: {reachableBy: $c}) { totalCount edges { node { displayName } } } }";
    static final String REACHABLE_GENERAL = "query($c: ContactChannel) { contacts(first: 100, filter: {reachableBy: $c}) { totalCount edges { node { displayName @include(if: true) } } } }";

    /** Expected per channel: Cat (doNotContact) never; Dan opted out of EMAIL; Ben's street lacks a postal code and city. */
    static final Map<String, Set<String>> EXPECTED = Map.of(
            "EMAIL", names("Ann"),
            "SMS", names("Ann"),
            "PHONE", names("Ann", "Ben"),
            "MAIL", names("Ann"),
            "SOCIAL_DM", names("Eve"),
            "CANVASS", names("Ann", "Ben"));

    @Inject
    TenantFixtures fixtures;

    String tenant;
    GraphQLClient admin;

    @BeforeEach
    void data() {
        if (tenant != null) {
            return;
        }
        tenant = fixtures.createIsolated("reach", null);
        admin = TestTenants.admin(tenant);
        TargetingData.load(fixtures, tenant);
    }

    Set<String> reachable(String channel) {
        JsonPath compiled = admin.ok(REACHABLE, Map.of("c", channel));
        JsonPath general = admin.ok(REACHABLE_GENERAL, Map.of("c", channel));
        Set<String> names = new TreeSet<>(compiled.getList("data.contacts.edges.node.displayName", String.class));
        assertEquals(names, new TreeSet<>(general.getList("data.contacts.edges.node.displayName", String.class)));
        return names;
    }

    @Test
    void reachableByEveryChannel() {
        EXPECTED.forEach((channel, expected) -> assertEquals(expected, reachable(channel), channel));
        // the same in a saved segment's filter
        JsonPath saved = admin.ok(TargetingData.SAVE, Map.of("i", Map.of("name", "Phone bank", "filter", Map.of("reachableBy", "PHONE"))));
        assertEquals("PHONE", saved.getString("data.saveSegment.filter.reachableBy"));
        assertEquals(2, saved.getInt("data.saveSegment.size"));
    }

    @Test
    void optingOutOrAskingNotToBeContactedRemovesAContact() {
        fixtures.sql(tenant, "with s as (select id from contact where display_name = 'Ben') " // a CTE for Citus (TargetingData)
                + "insert into channel_preference (contact_id, channel, status) select id, 'CANVASS', 'OPTED_OUT' from s");
        try {
            assertEquals(names("Ann"), reachable("CANVASS"));
            assertEquals(names("Ann", "Ben"), reachable("PHONE"));
        } finally {
            fixtures.sql(tenant, "delete from channel_preference where channel = 'CANVASS'");
        }
        fixtures.sql(tenant, "update contact set do_not_contact = true where display_name = 'Eve'");
        try {
            assertEquals(names(), reachable("SOCIAL_DM"));
        } finally {
            fixtures.sql(tenant, "update contact set do_not_contact = false where display_name = 'Eve'");
        }
    }

    @Test
    void segmentReachCountsReachableAndPreferringMembers() {
        String everyone = admin.ok(TargetingData.SAVE, Map.of("i", Map.of("name", "Everyone", "filter", Map.of())))
                .getString("data.saveSegment.id");
        JsonPath reach = admin.ok("query($s: ID!) { segmentReach(segmentId: $s) { channel reachable preferring } }", Map.of("s", everyone));
        Map<String, List<Integer>> got = new HashMap<>();
        List<Map<String, Object>> rows = reach.getList("data.segmentReach");
        rows.forEach(r -> got.put((String) r.get("channel"), List.of((Integer) r.get("reachable"), (Integer) r.get("preferring"))));
        // Ann prefers EMAIL, Ben PHONE, Eve SOCIAL_DM (all reachable there); Dan prefers EMAIL but opted out of it
        assertEquals(Map.of("EMAIL", List.of(1, 1), "SMS", List.of(1, 0), "PHONE", List.of(2, 1), "MAIL", List.of(1, 0),
                "SOCIAL_DM", List.of(1, 1), "CANVASS", List.of(2, 0)), got);

        String leads = admin.ok(TargetingData.SAVE, Map.of("i", Map.of("name", "Lead rule", "rule",
                TargetingData.json("{'filter': {'stageIn': ['lead']}}")))).getString("data.saveSegment.id");
        JsonPath leadReach = admin.ok("query($s: ID!) { segmentReach(segmentId: $s) { channel reachable preferring } }", Map.of("s", leads));
        assertEquals(1, leadReach.getInt("data.segmentReach.find { it.channel == 'EMAIL' }.reachable")); // Ann; Cat is doNotContact
        assertEquals(0, leadReach.getInt("data.segmentReach.find { it.channel == 'SOCIAL_DM' }.reachable"));
    }
}
