package org.socialcrm.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TenantFixtures;
import org.socialcrm.support.TestTenants;

import io.quarkus.test.junit.QuarkusTest;

/**
 * bench/turfs.sh: cutTurfs over HTTP on 50,000 households (one contact each, spread over about 20 x 20 km) into turfs of
 * 60 doors; the target is under 30 s. Runs only with {@code -Dscrm.bench.turfs=true}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "scrm.bench.turfs", matches = "true")
class TurfCutBenchmark {

    static final int HOUSEHOLDS = Integer.getInteger("scrm.bench.households", 50_000);

    @Inject
    TenantFixtures fixtures;

    @Test
    void cutFiftyThousandHouseholdsIntoTurfsOfSixtyDoors() {
        String slug = fixtures.createIsolated("bench-turfs", List.of("unaware", "supporter"));
        for (int from = 0; from < HOUSEHOLDS; from += 10_000) {
            fixtures.sql(slug, "insert into contact (display_name, lifecycle_stage, tags, address_line1, postal_code, country, latitude, longitude) "
                    + "select 'voter ' || g, 'unaware', '{bench}', g || ' Long Street', lpad((g % 500)::text, 5, '1'), 'DE', "
                    + "52.4 + random() * 0.18, 13.2 + random() * 0.3 from generate_series(" + (from + 1) + ", " + Math.min(HOUSEHOLDS, from + 10_000) + ") g");
        }
        GraphQLClient admin = TestTenants.admin(slug);
        String segment = admin.ok("mutation { saveSegment(input: { name: \"bench\", filter: { tagsAny: [\"bench\"] } }) { id } }")
                .getString("data.saveSegment.id");
        long start = System.nanoTime();
        List<Integer> doors = admin.ok("mutation($s: ID!) { cutTurfs(segmentId: $s, maxDoors: 60) { doors } }", Map.of("s", segment))
                .getList("data.cutTurfs.doors");
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("BENCH cutTurfs: %d households into %d turfs of at most 60 doors in %.2f s%n", HOUSEHOLDS, doors.size(), seconds);
        assertEquals(HOUSEHOLDS, doors.stream().mapToInt(Integer::intValue).sum());
        assertTrue(doors.stream().allMatch(d -> d <= 60));
        assertTrue(seconds < 30, "took " + seconds + " s");
    }
}
