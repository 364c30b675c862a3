package org.socialcrm.profile.importing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.socialcrm.campaign.CampaignTestSupport;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.TestTenants;
import org.socialcrm.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Partners push touchpoints and conversions in bulk through the import jobs (issue 14, point 2). */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventImportTest {

    @Inject
    TenantFixtures fixtures;

    @Inject
    ImportWorker worker;

    ImportTestTenant imports;
    String tenant;
    String other;
    GraphQLClient admin;
    String campaign;

    @BeforeEach
    void people() {
        if (tenant != null) {
            return;
        }
        tenant = fixtures.createIsolated("events", null);
        other = fixtures.createIsolated("events-other", null);
        imports = new ImportTestTenant(fixtures, worker, tenant);
        admin = imports.admin;
        campaign = CampaignTestSupport.createCampaign(admin, "Spring drop");
        admin.ok("""
                mutation { upsertContacts(input: [
                  {externalIds: [{system: "crm", value: "C-1"}], emails: ["ann@example.com"], firstName: "Ann"},
                  {emails: ["bob@example.com"], channelPreferences: [{channel: SMS, status: OPTED_OUT, source: "reply STOP"}]},
                  {emails: ["cee@example.com"], socialIdentities: [{network: INSTAGRAM, handle: "@cee"}], doNotContact: true},
                  {emails: ["inf@example.com"], socialIdentities: [{network: INSTAGRAM, handle: "influ"}]}
                ]) { created } }""", Map.of());
        // the other tenant holds a person with an email of its own: never matched from here
        TestTenants.admin(other).ok("mutation { upsertContacts(input: [{emails: [\"elsewhere@example.com\"], "
                + "externalIds: [{system: \"crm\", value: \"X-9\"}]}]) { created } }", Map.of());
    }

    Response post(String token, String kind, String format, String body) {
        return imports.post(token, "format=" + format + "&kind=" + kind, body);
    }

    String start(String kind, String format, String body) {
        JsonPath accepted = imports.start(Tokens.partner(tenant, "campaigns:write"), "format=" + format + "&kind=" + kind, body);
        assertEquals(kind, accepted.getString("kind"));
        return accepted.getString("id");
    }

    @Test
    void touchpointsAreMatchedByTheirKeysAndConsentIsEnforcedRowByRow() {
        String csv = "external:crm,email,identity:instagram,channel,campaignId,influencer:instagram,occurredAt,eventId,source.utm\n"
                + "C-1,,,INFLUENCER," + campaign + ",@influ,2026-11-01T10:00:00Z,,spring\n" // 2: by external id, with influencer
                + ",BOB@example.com,,EMAIL," + campaign + ",,2026-11-01T11:00:00Z,,\n" // 3: by email (case-folded)
                + ",bob@example.com,,SMS,,,2026-11-01T12:00:00Z,,\n" // 4: bob opted out of SMS
                + ",,cee,SOCIAL,,,2026-11-02T10:00:00Z,,\n" // 5: cee asked not to be contacted
                + ",elsewhere@example.com,,EMAIL,,,2026-11-02T10:00:00Z,,\n" // 6: another tenant's person
                + ",ann@example.com,,TELEPATHY,,,2026-11-02T10:00:00Z,,\n" // 7: unknown channel
                + ",ann@example.com,,EMAIL,999999999999,,2026-11-02T10:00:00Z,,\n" // 8: unknown campaign
                + ",ann@example.com,,EMAIL,,nobody,2026-11-02T10:00:00Z,,\n" // 9: unknown influencer
                + ",ann@example.com,,EMAIL,,,yesterday,,\n" // 10: bad time
                + "X-9,,,EVENT,,,,evt-1,\n" // 11: an external id of the other tenant
                + ",,influ,EVENT,,,,evt-2,\n"; // 12: by handle, no time but an event id
        String id = start("touchpoints", "csv", csv);
        imports.runAll();
        JsonPath done = imports.job(id);
        assertEquals("SUCCEEDED", done.getString("data.importJob.status"), done.prettify());
        assertEquals("touchpoints", done.getString("data.importJob.kind"));
        assertEquals(3, done.getInt("data.importJob.created"), done.prettify());
        assertEquals(8, done.getInt("data.importJob.rejected"), done.prettify());
        assertEquals(List.of(4, 5, 6, 7, 8, 9, 10, 11), done.getList("data.importJob.rejections.index"));
        List<String> reasons = done.getList("data.importJob.rejections.reason");
        assertTrue(reasons.get(0).contains("opted out of SMS"), reasons.toString());
        assertTrue(reasons.get(1).contains("doNotContact"), reasons.toString());
        assertEquals(EventImports.NO_CONTACT, reasons.get(2));
        assertTrue(reasons.get(3).startsWith("channel"), reasons.toString());
        assertTrue(reasons.get(4).startsWith("campaignId"), reasons.toString());
        assertTrue(reasons.get(5).startsWith("influencer"), reasons.toString());
        assertTrue(reasons.get(6).startsWith("occurredAt"), reasons.toString());
        assertEquals(EventImports.NO_CONTACT, reasons.get(7));
        assertEquals(1, imports.count("select count(*) from touchpoint t join contact c on c.id = t.contact_id join social_identity s "
                + "on s.id = t.influencer_identity_id where c.first_name = 'Ann' and t.channel = 'INFLUENCER' and s.handle_normalized = 'influ' "
                + "and t.source ->> 'utm' = 'spring' and t.occurred_at = '2026-11-01T10:00:00Z'"));
        assertEquals(0, imports.count("select count(*) from touchpoint t join contact c on c.id = t.contact_id "
                + "where c.email in ('cee@example.com') or (c.email = 'bob@example.com' and t.channel = 'SMS')"));
        assertEquals(3, imports.count("select count(*) from change where type = 'touchpoint.recorded'"));
        assertEquals(0L, (long) fixtures.inTenant(other, c -> c.query("select count(*) from touchpoint").execute()
                .map(r -> r.iterator().next().getLong(0))));

        // the same file again writes nothing
        String again = start("touchpoints", "csv", csv);
        imports.runAll();
        JsonPath second = imports.job(again);
        assertEquals(3, second.getInt("data.importJob.unchanged"), second.prettify());
        assertEquals(0, second.getInt("data.importJob.created"));
        assertEquals(3, imports.count("select count(*) from touchpoint"));
        assertEquals(3, imports.count("select count(*) from change where type = 'touchpoint.recorded'"));
    }

    @Test
    void conversionsComeAsNdjsonWithTheirStageAndValue() {
        String ndjson = "{\"emails\":[\"ann@example.com\"],\"value\":49.5,\"stage\":\"customer\",\"campaignId\":\"" + campaign
                + "\",\"occurredAt\":\"2026-11-03T09:00:00Z\"}\n"
                + "{\"externalIds\":[{\"system\":\"crm\",\"value\":\"C-1\"}],\"stage\":\"astronaut\"}\n"
                + "{\"socialIdentities\":[{\"network\":\"INSTAGRAM\",\"handle\":\"influ\"}],\"value\":12}\n"
                + "{\"emails\":[\"nobody@example.com\"],\"value\":1}\n";
        String id = start("conversions", "ndjson", ndjson);
        imports.runAll();
        JsonPath done = imports.job(id);
        assertEquals(2, done.getInt("data.importJob.created"), done.prettify());
        assertEquals(List.of(2, 4), done.getList("data.importJob.rejections.index"));
        assertTrue(done.getString("data.importJob.rejections[0].reason").startsWith("stage"), done.prettify());
        assertEquals(1, imports.count("select count(*) from conversion v join contact c on c.id = v.contact_id where c.first_name = 'Ann' "
                + "and v.stage = 'customer' and v.value = 49.5 and v.campaign_id = " + campaign));
        assertEquals(2, imports.count("select count(*) from change where type = 'conversion.recorded'"));
        String again = start("conversions", "ndjson", ndjson.substring(0, ndjson.indexOf('\n') + 1));
        imports.runAll();
        assertEquals(1, imports.job(again).getInt("data.importJob.unchanged"));
    }

    @Test
    void eachKindNeedsItsOwnScopeAndItsOwnTenant() {
        String touchpoints = "email,channel\nann@example.com,EMAIL\n";
        String contacts = "emails\nnew@example.com\n";
        assertEquals(403, post(Tokens.partner(tenant, "contacts:write"), "touchpoints", "csv", touchpoints).statusCode());
        assertEquals(403, post(Tokens.partner(tenant, "contacts:write"), "conversions", "csv", "email\nann@example.com\n").statusCode());
        assertEquals(403, post(Tokens.partner(tenant, "campaigns:write"), "contacts", "csv", contacts).statusCode());
        assertEquals(403, post(Tokens.partner(tenant, "campaigns:write"), "", "csv", contacts).statusCode());
        assertEquals(403, post(Tokens.partner(tenant, "metrics:write"), "touchpoints", "csv", touchpoints).statusCode());
        assertEquals(403, post(Tokens.tenantUser(tenant, "crm-viewer"), "touchpoints", "csv", touchpoints).statusCode());
        assertEquals(403, post(Tokens.partner(other, "campaigns:write"), "touchpoints", "csv", touchpoints).statusCode());
        assertEquals(400, post(Tokens.partner(tenant, "campaigns:write"), "purchases", "csv", touchpoints).statusCode());
        Response noChannel = post(Tokens.partner(tenant, "campaigns:write"), "touchpoints", "csv", "email\nann@example.com\n");
        assertEquals(400, noChannel.statusCode());
        assertTrue(noChannel.asString().contains("channel"), noChannel.asString());
        Response contactColumn = post(Tokens.partner(tenant, "campaigns:write"), "touchpoints", "csv", "email,channel,firstName\na@b.co,EMAIL,A\n");
        assertEquals(400, contactColumn.statusCode());
        Response byPhone = given().header("Authorization", "Bearer " + Tokens.partner(tenant, "campaigns:write")).header("X-Tenant-ID", tenant)
                .body(touchpoints).post("/api/imports?format=csv&kind=touchpoints&matchOn=PHONE");
        assertEquals(400, byPhone.statusCode());
        assertEquals(0, imports.count("select count(*) from import_job where kind = 'touchpoints' and created_by like '%' and rows_total is null"));
        assertEquals(0, imports.count("select count(*) from contact where email = 'new@example.com'"));
    }
}
