package org.socialcrm.profile.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.socialcrm.profile.MatchKey;

import io.vertx.core.json.JsonObject;

class LaneKeysTest {

    static short bucket(String json, MatchKey... matchOn) {
        return LaneKeys.bucket(new JsonObject(json), List.of(matchOn));
    }

    @Test
    void oneKeyWrittenTwoWaysLandsInOneBucket() {
        assertEquals(bucket("{\"emails\":[\"Ann@Example.com \"]}"), bucket("{\"emails\":[\"ann@example.com\"],\"firstName\":\"x\"}"));
        assertEquals(bucket("{\"phones\":[\"+1 415 555 0101\"]}"), bucket("{\"phones\":[\"(415) 555-0101\"]}"));
        assertEquals(bucket("{\"socialIdentities\":[{\"network\":\"x\",\"handle\":\"@Ann\"}]}"),
                bucket("{\"socialIdentities\":[{\"network\":\"X\",\"handle\":\"ann\"}]}"));
    }

    @Test
    void theFirstKeyOfMatchOnDecides() {
        String row = "{\"externalIds\":[{\"system\":\"crm\",\"value\":\"7\"}],\"emails\":[\"ann@example.com\"]}";
        assertEquals(bucket("{\"externalIds\":[{\"system\":\"crm\",\"value\":\"7\"}]}"), bucket(row));
        assertEquals(bucket("{\"emails\":[\"ann@example.com\"]}"), bucket(row, MatchKey.EMAIL, MatchKey.EXTERNAL_ID));
        assertNotEquals(bucket("{\"externalIds\":[{\"system\":\"crm\",\"value\":\"7\"}]}"),
                bucket("{\"externalIds\":[{\"system\":\"crm\",\"value\":\"8\"}]}"));
    }

    @Test
    void rowsWithoutKeysOrOfTheWrongShapeGoToBucketZero() {
        assertEquals(0, bucket("{\"firstName\":\"x\"}"));
        assertEquals(0, bucket("{\"emails\":\"not-a-list\"}"));
    }

    @Test
    void keysThatDifferInOneCharacterSpreadOverTwoLanes() {
        int[] perLane = new int[2];
        for (int i = 0; i < 1000; i++) {
            perLane[bucket("{\"externalIds\":[{\"system\":\"crm\",\"value\":\"A-" + i + "\"}]}") % 2]++;
            perLane[bucket("{\"externalIds\":[{\"system\":\"crm\",\"value\":\"B-" + i + "\"}]}") % 2]++;
        }
        org.junit.jupiter.api.Assertions.assertTrue(perLane[0] > 800 && perLane[1] > 800, java.util.Arrays.toString(perLane));
    }
}
