package org.socialcrm.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.TestTenants;
import org.socialcrm.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentTest {

    static final String SET = "mutation($id: ID!, $i: ChannelPreferenceInput!) { setChannelPreference(contactId: $id, input: $i) "
            + "{ id consent { email } channelPreferences { channel status source legalBasis updatedAt } } }";
    static final String TOUCH = "mutation($i: TouchpointInput!) { recordTouchpoint(input: $i) { id channel } }";

    @Inject
    TenantFixtures fixtures;

    String tenant;
    GraphQLClient admin;

    @BeforeEach
    void tenant() {
        if (tenant == null) {
            tenant = fixtures.createIsolated("consent", null);
            admin = TestTenants.admin(tenant);
        }
    }

    String contact(Map<String, Object> row) {
        return admin.ok(UpsertContactsTest.UPSERT, Map.of("i", List.of(row))).getString("data.upsertContacts.outcomes[0].contactId");
    }

    long count(String sql) {
        return fixtures.inTenant(tenant, c -> c.query(sql).execute().map(r -> r.iterator().next().getLong(0)));
    }

    @Test
    void optOutRefusesThatChannelOnlyAndIsAudited() {
        String id = contact(Map.of("emails", List.of("optout@example.com")));
        JsonPath set = admin.ok(SET, Map.of("id", id, "i", Map.of("channel", "EMAIL", "status", "OPTED_OUT", "source", "unsubscribe link",
                "legalBasis", "consent")));
        assertEquals("OPTED_OUT", set.getString("data.setChannelPreference.channelPreferences[0].status"));
        assertEquals("unsubscribe link", set.getString("data.setChannelPreference.channelPreferences[0].source"));
        long before = count("select count(*) from touchpoint");
        JsonPath refused = admin.run(TOUCH, Map.of("i", Map.of("contactId", id, "channel", "EMAIL")));
        assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(refused), refused.prettify());
        assertEquals("channel", refused.getString("errors[0].extensions.field"));
        assertEquals(before, count("select count(*) from touchpoint"));
        admin.ok(TOUCH, Map.of("i", Map.of("contactId", id, "channel", "SMS")));
        assertEquals(1, count("select count(*) from audit_event where action = 'consent.change' and target = '" + id + "' "
                + "and details -> 'changes' -> 0 ->> 'after' = 'OPTED_OUT'"));
        // opting in again lets email through, and is audited too
        admin.ok(SET, Map.of("id", id, "i", Map.of("channel", "EMAIL", "status", "OPTED_IN", "source", "web form")));
        admin.ok(TOUCH, Map.of("i", Map.of("contactId", id, "channel", "EMAIL")));
        assertEquals(2, count("select count(*) from audit_event where action = 'consent.change' and target = '" + id + "'"));
    }

    @Test
    void doNotContactRefusesEveryChannel() {
        String id = contact(Map.of("emails", List.of("dnc@example.com"), "doNotContact", true,
                "channelPreferences", List.of(Map.of("channel", "SMS", "status", "OPTED_IN"))));
        for (String channel : List.of("EMAIL", "SMS", "SOCIAL", "CANVASS")) {
            JsonPath refused = admin.run(TOUCH, Map.of("i", Map.of("contactId", id, "channel", channel)));
            assertEquals("BAD_USER_INPUT", GraphQLClient.errorCode(refused), channel);
        }
        assertEquals(0, count("select count(*) from touchpoint where contact_id = " + id));
        assertEquals(true, admin.ok("query($id: ID!) { contact(id: $id) { doNotContact } }", Map.of("id", id)).getBoolean("data.contact.doNotContact"));
    }

    @Test
    void preferencesOfAnotherTenantStayOutOfReach() {
        String other = TestTenants.create("consent-other");
        String theirs = TestTenants.admin(other).ok(UpsertContactsTest.UPSERT, Map.of("i", List.of(Map.of("emails", List.of("t@example.com")))))
                .getString("data.upsertContacts.outcomes[0].contactId");
        String mine = contact(Map.of("emails", List.of("mine@example.com")));
        // same numeric id space: the id of theirs either does not exist here or is one of ours
        JsonPath json = GraphQLClient.as(Tokens.tenantUser(tenant, "crm-admin")).tenant(other)
                .run(SET, Map.of("id", theirs, "i", Map.of("channel", "EMAIL", "status", "OPTED_OUT")));
        assertEquals("FORBIDDEN", GraphQLClient.errorCode(json));
        assertEquals(0, TestTenants.admin(other).ok("query($id: ID!) { contact(id: $id) { channelPreferences { status } } }", Map.of("id", theirs))
                .getList("data.contact.channelPreferences").size());
        assertEquals("NOT_FOUND", GraphQLClient.errorCode(admin.run(SET, Map.of("id", "999999", "i", Map.of("channel", "SMS", "status", "OPTED_IN")))));
        assertEquals(mine, mine);
    }
}
