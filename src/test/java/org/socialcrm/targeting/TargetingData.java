package org.socialcrm.targeting;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TenantFixtures;

import io.restassured.path.json.JsonPath;

/**
 * Five hand-built contacts with known behaviour, consent, addresses, custom fields and scores (see {@link #load}), and
 * the ways to ask who a rule selects.
 */
final class TargetingData {

    static final String BY_RULE = "query($r: SegmentRuleInput!) { contacts(first: 100, filter: {rule: $r}) { totalCount edges { node { displayName } } } }";
    /** The same query, forced off the compiled path (a no-op directive is not compiled). */
    static final String BY_RULE_GENERAL = "query($r: SegmentRuleInput!) { contacts(first: 100, filter: {rule: $r}) { totalCount edges { node { displayName @include(if: true) } } } }";
    static final String PREVIEW = "query($r: SegmentRuleInput!) { segmentPreview(rule: $r) }";
    static final String SAVE = "mutation($i: SegmentInput!) { saveSegment(input: $i) { id name filter rule static size contacts(first: 100) { edges { node { displayName } } } } }";

    private TargetingData() {
    }

    /**
     * Every {@code insert ... select} that reads a tenant table does so through a CTE (Citus 13.2.2 refuses the direct
     * form when the target has defaults: docs/scale-out.md, rule 7).
     *
     * Ann: lead, vip, FR, support 5, email (opted in), mobile, full postal address, prefers EMAIL; touched by campaign K1
     * by email 2 days ago and twice on SOCIAL by influencer Eve 10 days ago; converted (customer, K1) 3 days ago;
     * voted in E2026; score 80. Ben: subscriber, DE, support 2, landline, street without postal code or city, prefers
     * PHONE; canvassed for K2 5 days ago, phoned 100 days ago; entered subscriber 1 day ago; score 40. Cat: lead, vip, FR,
     * email, mobile and address, but doNotContact; v1 email consent flag; touched by K1 200 days ago; voted in E2025.
     * Dan: customer, support 1, email but opted out of EMAIL; converted 40 days ago; entered customer 60 days ago;
     * score 10. Eve: subscriber with only a social identity (an influencer), prefers SOCIAL_DM.
     */
    static void load(TenantFixtures fixtures, String tenant) {
        fixtures.sql(tenant, """
                insert into contact (display_name, first_name, email, lifecycle_stage, tags, country, postal_code, city, address_line1,
                  support_level, custom_fields, preferred_channel, do_not_contact, consent_email) values
                ('Ann', 'Ann', 'ann@example.com', 'lead', '{vip}', 'FR', '75001', 'Paris', '1 rue A', 5,
                 '{"age": 34, "joined": "2024-03-01", "member": true, "team": "north", "note": "Loves hiking"}', 'EMAIL', false, false),
                ('Ben', 'Ben', null, 'subscriber', '{}', 'DE', null, null, '2 Weg B', 2, '{"age": 51, "team": "south", "member": false}',
                 'PHONE', false, false),
                ('Cat', 'Cat', 'cat@example.com', 'lead', '{vip}', 'FR', '75002', 'Paris', '3 rue C', null, '{}', null, true, true),
                ('Dan', 'Dan', 'dan@example.com', 'customer', '{}', 'FR', null, null, null, 1, '{"age": 20, "joined": "2025-01-10", "team": "north"}',
                 'EMAIL', false, false),
                ('Eve', 'Eve', null, 'subscriber', '{}', null, null, null, null, null, '{}', 'SOCIAL_DM', false, false);
                with s as (select id, email, email, true from contact where email is not null)
                insert into contact_email (contact_id, address, address_norm, is_primary) select * from s;
                with s as (select id, '+33600000001', 'MOBILE', true from contact where display_name = 'Ann')
                insert into contact_phone (contact_id, e164, kind, is_primary) select * from s;
                with s as (select id, '+33600000003', 'MOBILE', true from contact where display_name = 'Cat')
                insert into contact_phone (contact_id, e164, kind, is_primary) select * from s;
                with s as (select id, '+33123456789', 'LANDLINE', true from contact where display_name = 'Ben')
                insert into contact_phone (contact_id, e164, kind, is_primary) select * from s;
                with s as (select id, 'EMAIL', 'OPTED_IN' from contact where display_name = 'Ann')
                insert into channel_preference (contact_id, channel, status) select * from s;
                with s as (select id, 'EMAIL', 'OPTED_OUT' from contact where display_name = 'Dan')
                insert into channel_preference (contact_id, channel, status) select * from s;
                with s as (select id, 'X', 'eve', 'eve', true from contact where display_name = 'Eve')
                insert into social_identity (contact_id, network, handle, handle_normalized, is_influencer) select * from s;
                insert into campaign (name) values ('K1'), ('K2');
                with s as (select (select id from contact where display_name = v.who), (select id from campaign where name = v.campaign), v.channel,
                       case when v.influencer then (select id from social_identity where handle = 'eve') end, now() - make_interval(days => v.days)
                from (values ('Ann', 'K1', 'EMAIL', false, 2), ('Ann', null, 'SOCIAL', true, 10), ('Ann', null, 'SOCIAL', true, 10),
                             ('Ben', 'K2', 'CANVASS', false, 5), ('Ben', null, 'PHONE', false, 100), ('Cat', 'K1', 'EMAIL', false, 200))
                     v(who, campaign, channel, influencer, days))
                insert into touchpoint (contact_id, campaign_id, channel, influencer_identity_id, occurred_at) select * from s;
                with s as (select id, now() - interval '3 days', 'customer', (select id from campaign where name = 'K1') from contact where display_name = 'Ann')
                insert into conversion (contact_id, occurred_at, stage, campaign_id) select * from s;
                with s as (select id, now() - interval '40 days' from contact where display_name = 'Dan')
                insert into conversion (contact_id, occurred_at) select * from s;
                with s as (select id, 'lead', 'subscriber', now() - interval '1 day' from contact where display_name = 'Ben')
                insert into lifecycle_transition (contact_id, from_stage, to_stage, occurred_at) select * from s;
                with s as (select id, 'lead', 'customer', now() - interval '60 days' from contact where display_name = 'Dan')
                insert into lifecycle_transition (contact_id, from_stage, to_stage, occurred_at) select * from s;
                with s as (select id, 'E2026' from contact where display_name = 'Ann')
                insert into contact_vote (contact_id, election) select * from s;
                with s as (select id, 'E2025' from contact where display_name = 'Cat')
                insert into contact_vote (contact_id, election) select * from s;
                insert into score_model (name, kind) values ('M', 'RULES');
                with s as (select (select id from score_model), c.id, v.value from contact c join (values ('Ann', 80.0), ('Ben', 40.0), ('Dan', 10.0)) v(who, value)
                  on c.display_name = v.who)
                insert into contact_score (model_id, contact_id, value) select * from s;
                insert into custom_field (key, label, type, choices, filterable) values ('age', 'Age', 'NUMBER', null, true),
                  ('joined', 'Joined', 'DATE', null, true), ('member', 'Member', 'BOOLEAN', null, true),
                  ('team', 'Team', 'CHOICE', '{north,south}', true), ('note', 'Note', 'TEXT', null, true), ('secret', 'Secret', 'TEXT', null, false)
                """);
    }

    static String id(TenantFixtures fixtures, String tenant, String sql) {
        return fixtures.inTenant(tenant, c -> c.query(sql).execute().map(rows -> String.valueOf(rows.iterator().next().getValue(0))));
    }

    /** A rule or input written as JSON with single quotes. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String text) {
        return io.vertx.core.json.Json.decodeValue(text.replace('\'', '"'), Map.class);
    }

    /**
     * Who the rule selects, asked three ways that must agree: contacts(filter: {rule}) compiled to one statement,
     * the same field by field, and segmentPreview's count.
     */
    static Set<String> members(GraphQLClient client, Map<String, Object> rule) {
        JsonPath compiled = client.ok(BY_RULE, Map.of("r", rule));
        JsonPath general = client.ok(BY_RULE_GENERAL, Map.of("r", rule));
        Set<String> names = new TreeSet<>(compiled.getList("data.contacts.edges.node.displayName", String.class));
        assertEquals(names, new TreeSet<>(general.getList("data.contacts.edges.node.displayName", String.class)), "compiled and general reads differ");
        assertEquals(names.size(), compiled.getInt("data.contacts.totalCount"));
        assertEquals(names.size(), client.ok(PREVIEW, Map.of("r", rule)).getInt("data.segmentPreview"));
        return names;
    }

    static Set<String> members(GraphQLClient client, String rule) {
        return members(client, json(rule));
    }

    static Set<String> names(String... names) {
        return new TreeSet<>(List.of(names));
    }
}
