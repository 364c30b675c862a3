package org.socialcrm.profile.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

/**
 * Contact imports applied by two lanes at once (scrm.imports.worker.lanes=2): a person named on two lines by
 * different first keys can reach both lanes at the same moment, and must still become ONE contact; a person named by
 * the same key on lines far apart is applied by one lane, in file order.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportLanesTest {

    @Inject
    TenantFixtures fixtures;

    @Inject
    ImportWorker worker;

    @Inject
    ImportConfig config;

    ImportTestTenant imports;
    String tenant;

    @BeforeEach
    void tenant() {
        if (tenant == null) {
            tenant = fixtures.createIsolated("lanes", null);
            imports = new ImportTestTenant(fixtures, worker, tenant);
        }
    }

    String start(String csv) {
        return imports.start(Tokens.tenantUser(tenant, "crm-analyst"), "format=csv", csv).getString("id");
    }

    @Test
    void aPersonOnTwoLinesInTwoLanesBecomesOneContact() {
        assertEquals(2, config.worker().lanes());
        // each pair: the same phone on two adjacent lines, under two different external ids (the lane key), so about
        // half the pairs are split over the lanes and applied at the same time; contact.phone has no unique index, so
        // only the check of the keys written (KeyTakenConcurrently) keeps a pair from becoming two contacts
        int pairs = 1500;
        StringBuilder csv = new StringBuilder("external:crm,phones,firstName\n");
        for (int i = 0; i < pairs; i++) {
            String phone = String.format("+1 212 733 %04d", i);
            csv.append("A-").append(i).append(',').append(phone).append(",Pair").append(i).append('\n');
            csv.append("B-").append(i).append(',').append(phone).append(",Pair").append(i).append('\n');
        }
        String id = start(csv.toString());
        imports.runAll();
        JsonPath done = imports.job(id);
        assertEquals("SUCCEEDED", done.getString("data.importJob.status"), done.prettify());
        assertEquals(2 * pairs, done.getInt("data.importJob.rowsProcessed"), done.prettify());
        assertEquals(pairs, imports.count("select count(*) from contact where phone like '+1212733%'"));
        assertEquals(pairs, done.getInt("data.importJob.created"), done.prettify());
        assertEquals(pairs, done.getInt("data.importJob.updated"), done.prettify());
        assertEquals(pairs, imports.count("select count(*) from contact_phone where e164 like '+1212733%'"));
        // both external ids of each pair on the one contact that holds its phone
        assertEquals(2 * pairs, imports.count("select count(*) from contact_external_id x join contact_phone p "
                + "on p.contact_id = x.contact_id and p.e164 = '+1212733' || lpad(substr(x.value, 3), 4, '0')"));
        assertEquals(0, imports.count("select count(*) from import_chunk"));

        // the same file again: nothing changes
        String again = start(csv.toString());
        imports.runAll();
        assertEquals(2 * pairs, imports.job(again).getInt("data.importJob.unchanged"), imports.job(again).prettify());
    }

    @Test
    void aKeyRepeatedAcrossBatchesIsAppliedInFileOrderByOneLane() {
        int rows = 4000; // four batches of 1,000 or more, over two lanes
        StringBuilder csv = new StringBuilder("external:crm,lastName,tags\n");
        for (int i = 0; i < rows; i++) {
            csv.append("R-").append(i % 50).append(",Line").append(i + 2).append(",t").append(i % 50).append('\n');
        }
        String id = start(csv.toString());
        imports.runAll();
        JsonPath done = imports.job(id);
        assertEquals(50, done.getInt("data.importJob.created"), done.prettify());
        assertEquals(rows - 50, done.getInt("data.importJob.updated") + done.getInt("data.importJob.unchanged"), done.prettify());
        assertEquals(50, imports.count("select count(*) from contact_external_id where value like 'R-%'"));
        // the last line naming each person is the one that stays
        for (int k = 0; k < 50; k++) {
            int lastLine = (rows - 50 + k) + 2;
            assertEquals(1, imports.count("select count(*) from contact c join contact_external_id x on x.contact_id = c.id "
                    + "where x.value = 'R-" + k + "' and c.last_name = 'Line" + lastLine + "'"), "R-" + k);
        }
    }

    @Test
    void anotherTenantsImportNeitherMatchesNorSeesThese() {
        String other = TestTenants.create("lanes-other");
        GraphQLClient otherAdmin = TestTenants.admin(other);
        otherAdmin.ok("mutation { upsertContacts(input: [{emails: [\"shared@example.com\"], externalIds: [{system: \"crm\", value: \"S-1\"}]}]) { created } }",
                Map.of());
        String id = start("external:crm,emails\nS-1,shared@example.com\n");
        imports.runAll();
        assertEquals(1, imports.job(id).getInt("data.importJob.created"), imports.job(id).prettify());
        assertEquals(1, fixtures.inTenant(other, c -> c.query("select count(*) from contact").execute()
                .map(r -> r.iterator().next().getLong(0))).longValue());
    }
}
