package org.socialcrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Walks the served schema: every field of a compiled type either compiles (a column or nested field of a feature's
 * description) or is listed here, with the reason it goes field by field. A field added to the API without either
 * fails this test, instead of quietly sending every query that selects it the slow way.
 */
@QuarkusTest
class CompiledFieldCoverageTest {

    /** The five types of issue 13 and the objects they carry: all must compile, whatever else the features add. */
    private static final Set<String> COMPILED_TYPES = Set.of("Contact", "SocialIdentity", "Touchpoint", "Campaign",
            "LifecycleTransition", "Consent", "Location", "Address");

    /** Fields that go field by field (a query selecting one runs the general way), and why. */
    static final Map<String, String> FIELD_BY_FIELD = Map.ofEntries(
            Map.entry("Contact.emails", "profile: a list of contact_email rows, not yet described for compiled reads"),
            Map.entry("Contact.phones", "profile: a list of contact_phone rows, not yet described for compiled reads"),
            Map.entry("Contact.externalIds", "profile: a list of contact_external_id rows, not yet described"),
            Map.entry("Contact.duplicateCandidates", "profile: candidates are scored in SQL by DuplicateFinder, with arguments"),
            Map.entry("Contact.channelPreferences", "profile: consent per channel is computed in Java (ChannelPreferences)"),
            Map.entry("Contact.household", "field work: a household is a group of contacts by address key, resolved in batches"),
            Map.entry("Contact.canvassHistory", "field work: canvass rows confined to a field worker's turfs, resolved in batches"),
            Map.entry("Contact.voted", "field work: takes an election argument, resolved in batches from contact_vote"),
            Map.entry("Contact.scores", "scoring: scores with their models and factors, resolved in batches"),
            Map.entry("SocialIdentity.tier", "computed in Java from followers (InfluencerTier thresholds)"),
            Map.entry("SocialIdentity.metrics", "a time series with arguments, read from metric_point by a batch resolver"),
            Map.entry("Campaign.touchpointCount", "a count per campaign, resolved in batches"),
            Map.entry("Campaign.conversionCount", "a count per campaign, resolved in batches"),
            Map.entry("LifecycleTransition.contact", "resolved in batches (subscriptions send it too)"),
            Map.entry("LifecycleTransition.campaign", "resolved in batches by the campaign feature"),
            Map.entry("LifecycleTransition.changeCursor", "subscriptions only: null in queries"));

    @Inject
    CompiledSchema compiled;

    @Test
    void everyFieldOfACompiledTypeCompilesOrIsListedWithAReason() {
        ServedSchema served = new ServedSchema(compiled);
        assertTrue(compiled.typeNames().containsAll(COMPILED_TYPES), "compiled types: " + compiled.typeNames());
        List<String> neither = new ArrayList<>();
        Map<String, String> listedButCompiled = new TreeMap<>();
        for (String type : compiled.typeNames()) {
            Set<String> compiledFields = compiled.compiledFields(type);
            for (String field : served.fields(type).keySet()) {
                String name = type + "." + field;
                if (!compiledFields.contains(field) && !FIELD_BY_FIELD.containsKey(name)) {
                    neither.add(name);
                }
                if (compiledFields.contains(field) && FIELD_BY_FIELD.containsKey(name)) {
                    listedButCompiled.put(name, FIELD_BY_FIELD.get(name));
                }
            }
        }
        List<String> stale = FIELD_BY_FIELD.keySet().stream().filter(name -> {
            String[] parts = name.split("\\.");
            return !served.fields(parts[0]).containsKey(parts[1]);
        }).sorted().toList();
        assertEquals(List.of(), stale, "listed as field by field, yet not served");
        assertEquals(List.of(), neither, "fields neither compiled nor listed as field by field (with a reason)");
        assertEquals(Map.of(), listedButCompiled, "listed as field by field, yet compiled: drop them from the list");
    }

    @Test
    void everyDescribedFieldIsServed() {
        ServedSchema served = new ServedSchema(compiled);
        List<String> unknown = new ArrayList<>();
        for (String type : compiled.typeNames()) {
            Set<String> servedFields = served.fields(type).keySet();
            compiled.compiledFields(type).stream().filter(field -> !servedFields.contains(field)).forEach(field -> unknown.add(type + "." + field));
        }
        Set<String> queries = served.fields("Query").keySet();
        compiled.compiledFields("Query").stream().filter(field -> !queries.contains(field)).forEach(field -> unknown.add("Query." + field));
        assertEquals(List.of(), unknown, "described fields the API does not serve (a typo in a description?)");
    }
}
