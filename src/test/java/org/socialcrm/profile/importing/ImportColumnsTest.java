package org.socialcrm.profile.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.socialcrm.common.ApiException;
import org.socialcrm.profile.ContactUpsertInput;
import org.socialcrm.profile.CustomFieldDefinition;
import org.socialcrm.profile.CustomFieldType;
import org.socialcrm.profile.MatchKey;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A CSV record read from its cells gives what it gave as staged JSON until session 12: the same input, the same
 * rejection, the same lane bucket, on records drawn from cells of every column kind (the JSON shape below is the
 * former {@code ImportColumns.toPayload}, kept here as the reference).
 */
class ImportColumnsTest {

    private static final String[] HEADER = { "firstName", "lastName", "email", "emails", "phone", "phones", "tags", "tagsMode", "language",
        "lifecycleStage", "supportLevel", "preferredChannel", "doNotContact", "city", "address.postalCode", "country", "latitude",
        "address.longitude", "external:crm", " external:vf ", "field:pledge", "field:since", "field:tier", "field:ghost", "identity:instagram",
        "identity:x", "consent:sms", "consent:Email", "consentSource", "consentLegalBasis", "firstName", "line1" };

    private static final Map<String, CustomFieldDefinition> DEFINITIONS = Map.of(
            "pledge", new CustomFieldDefinition("pledge", "Pledge", CustomFieldType.NUMBER, null, true),
            "since", new CustomFieldDefinition("since", "Since", CustomFieldType.DATE, null, true),
            "tier", new CustomFieldDefinition("tier", "Tier", CustomFieldType.BOOLEAN, null, true));

    /** Cells for every column: empty, blank, lists, numbers, enum values good and bad, e-mails and phones good and bad. */
    private static final String[] CELLS = { "", " ", ";", " a ; ;b ", "Ann", "ann@example.com", "Ann@Example.COM ;bob@example.com",
        "+1 415 555 0101", "(415) 555-0101; +44 7911 123456", "lead", "customer", "3", "2.7", "x", "yes", "N", "52.52", "-200", "1e2",
        "replace", "ADD", "sms", "opted_in", "OPTED_OUT", "maybe", "2026-01-31", "@Ann", "ann;@bob", "V-1", "true", "0", "10.50" };

    @Test
    void recordsReadFromTheirCellsAsFromTheirFormerJson() {
        ImportColumns columns = ImportColumns.of(HEADER);
        Random random = new Random(6);
        List<List<MatchKey>> orders = List.of(List.of(), List.of(MatchKey.EMAIL, MatchKey.EXTERNAL_ID), List.of(MatchKey.PHONE),
                List.of(MatchKey.SOCIAL_HANDLE, MatchKey.PHONE));
        int accepted = 0;
        int rejectedOnUpload = 0;
        int rejectedWhenApplied = 0;
        for (int r = 0; r < 50_000; r++) {
            String[] cells = new String[HEADER.length];
            for (int c = 0; c < cells.length; c++) {
                cells[c] = random.nextInt(3) == 0 ? CELLS[random.nextInt(CELLS.length)] : "";
            }
            JsonObject payload;
            try {
                payload = reference(HEADER, cells);
            } catch (IllegalArgumentException e) {
                IllegalArgumentException ours = assertThrows(IllegalArgumentException.class, () -> columns.check(cells));
                assertEquals(e.getMessage(), ours.getMessage());
                rejectedOnUpload++;
                continue;
            }
            columns.check(cells);
            JsonObject staged = new JsonObject(payload.encode());
            for (List<MatchKey> order : orders) {
                assertEquals(LaneKeys.bucket(staged, order), columns.bucket(cells, order), () -> String.join("|", cells));
            }
            Object expected;
            try {
                expected = ImportPayloads.toInput(staged, DEFINITIONS);
            } catch (ApiException e) {
                expected = e.getMessage();
            }
            Object actual;
            try {
                actual = columns.toInput(cells, DEFINITIONS);
                accepted++;
            } catch (ApiException e) {
                actual = e.getMessage();
                rejectedWhenApplied++;
            }
            assertEquals(expected, actual, () -> String.join("|", cells));
        }
        assertTrue(accepted > 1000 && rejectedOnUpload > 1000 && rejectedWhenApplied > 1000,
                accepted + " / " + rejectedOnUpload + " / " + rejectedWhenApplied);
    }

    @Test
    void theCellCountMustMatchTheHeader() {
        ImportColumns columns = ImportColumns.of(new String[] { "emails", "firstName" });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> columns.check(new String[] { "one", "two", "three" }));
        assertEquals("has 3 values; the header has 2 columns", e.getMessage());
        assertEquals(List.of("emails", "firstName", "address.city"), List.of(ImportColumns.of(new String[] { "\uFEFFemails", " firstName", "city" }).names()));
    }

    @Test
    void aCoordinateThatIsNoNumberNowNamesItsRange() {
        // as JSON, NaN was written as the text "NaN" and read back as a value of the wrong type; from the cells it is a number out of range
        ImportColumns columns = ImportColumns.of(new String[] { "emails", "latitude" });
        ContactUpsertInput input = columns.toInput(new String[] { "a@example.com", "NaN" }, Map.of());
        assertTrue(input.address().latitude().isNaN());
    }

    /** The JSON shape of a CSV record up to session 12 (then {@code ImportColumns.toPayload}). */
    private static JsonObject reference(String[] header, String[] cells) {
        String[] names = ImportColumns.of(header).names();
        JsonObject row = new JsonObject();
        JsonObject address = new JsonObject();
        JsonObject fields = new JsonObject();
        JsonArray externalIds = new JsonArray();
        JsonArray identities = new JsonArray();
        JsonArray consent = new JsonArray();
        String consentSource = null;
        String consentBasis = null;
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            String cell = cells[i] == null ? "" : cells[i].trim();
            if (cell.isEmpty()) {
                continue;
            }
            if (name.startsWith("address.")) {
                String key = name.substring(8);
                address.put(key, key.equals("latitude") || key.equals("longitude") ? number(name, cell) : cell);
            } else if (name.startsWith("external:")) {
                externalIds.add(new JsonObject().put("system", name.substring(9)).put("value", cell));
            } else if (name.startsWith("field:")) {
                fields.put(name.substring(6), cell);
            } else if (name.startsWith("identity:")) {
                for (String handle : split(cell)) {
                    identities.add(new JsonObject().put("network", name.substring(9).toUpperCase(Locale.ROOT)).put("handle", handle));
                }
            } else if (name.startsWith("consent:")) {
                consent.add(new JsonObject().put("channel", name.substring(8).toUpperCase(Locale.ROOT)).put("status", cell.toUpperCase(Locale.ROOT)));
            } else if (name.equals("consentSource")) {
                consentSource = cell;
            } else if (name.equals("consentLegalBasis")) {
                consentBasis = cell;
            } else if (List.of("emails", "phones", "tags", "email", "phone").contains(name)) {
                String list = name.equals("email") ? "emails" : name.equals("phone") ? "phones" : name;
                JsonArray values = row.getJsonArray(list, new JsonArray());
                split(cell).forEach(values::add);
                row.put(list, values);
            } else if (name.equals("supportLevel")) {
                row.put(name, number(name, cell).intValue());
            } else if (name.equals("doNotContact")) {
                row.put(name, switch (cell.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "y", "1" -> true;
                    case "false", "no", "n", "0" -> false;
                    default -> throw new IllegalArgumentException(name + ": must be true or false");
                });
            } else {
                row.put(name, cell);
            }
        }
        for (Object c : consent) {
            ((JsonObject) c).put("source", consentSource).put("legalBasis", consentBasis);
        }
        for (var e : Map.of("address", address, "customFields", fields).entrySet()) {
            if (!e.getValue().isEmpty()) {
                row.put(e.getKey(), e.getValue());
            }
        }
        for (var e : Map.of("externalIds", externalIds, "socialIdentities", identities, "channelPreferences", consent).entrySet()) {
            if (!e.getValue().isEmpty()) {
                row.put(e.getKey(), e.getValue());
            }
        }
        if (!fields.isEmpty()) {
            row.put(ImportPayloads.CUSTOM_FIELDS_AS_TEXT, true);
        }
        return row;
    }

    private static List<String> split(String cell) {
        List<String> out = new ArrayList<>();
        for (String part : cell.split(";")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    private static Double number(String name, String cell) {
        try {
            return Double.valueOf(cell);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": must be a number");
        }
    }
}
