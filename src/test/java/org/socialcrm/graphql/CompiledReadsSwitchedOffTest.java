package org.socialcrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TestTenants;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** {@code scrm.graphql.compiled-reads=false}: every query runs field by field, with the same answers. */
@QuarkusTest
@TestProfile(CompiledReadsSwitchedOffTest.Off.class)
class CompiledReadsSwitchedOffTest {

    public static class Off implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("scrm.graphql.compiled-reads", "false");
        }
    }

    @Inject
    MeterRegistry registry;

    @Test
    void queriesRunFieldByField() {
        String tenant = TestTenants.create("compiled-off");
        GraphQLClient admin = TestTenants.admin(tenant);
        admin.ok("mutation { createContact(input: { firstName: \"Ada\", lastName: \"Byron\" }) { id } }");
        assertEquals(List.of("Ada Byron"), admin.ok("{ contacts(first: 5) { edges { node { displayName } } } }")
                .getList("data.contacts.edges.node.displayName"));
        var compiled = registry.find(CompiledReads.METRIC).tag("outcome", "compiled").counter();
        var declined = registry.find(CompiledReads.METRIC).tag("outcome", "declined").counter();
        assertEquals(0.0, compiled == null ? 0 : compiled.count(), "nothing compiled");
        assertEquals(0.0, declined == null ? 0 : declined.count(), "the strategy is not installed at all");
    }
}
