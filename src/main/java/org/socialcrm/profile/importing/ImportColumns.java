package org.socialcrm.profile.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.Network;
import org.socialcrm.common.ContactChannel;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A CSV header, and each CSV record turned into the JSON shape of ContactUpsertInput (the shape NDJSON lines have):
 * columns named after its fields ({@code address.city} or {@code city}), lists separated by ';',
 * {@code external:<system>}, {@code field:<key>} (text, typed by the field's definition when the row is applied),
 * {@code identity:<network>} and {@code consent:<channel>} (OPTED_IN, OPTED_OUT, UNKNOWN).
 */
final class ImportColumns {

    static final String CUSTOM_FIELDS_AS_TEXT = "customFieldsAsText";
    private static final Set<String> TEXT = Set.of("firstName", "lastName", "lifecycleStage", "language", "tagsMode", "preferredChannel");
    private static final Set<String> LISTS = Set.of("emails", "phones", "tags");
    private static final Set<String> ADDRESS = Set.of("line1", "line2", "city", "region", "postalCode", "country", "latitude", "longitude");
    private static final Set<String> OTHER = Set.of("supportLevel", "doNotContact", "email", "phone", "consentSource", "consentLegalBasis");

    private final String[] names;

    private ImportColumns(String[] names) {
        this.names = names;
    }

    /** The header, checked: every column must mean something (BAD_USER_INPUT naming the first unknown one). */
    static ImportColumns of(String[] header) {
        String[] names = new String[header.length];
        for (int i = 0; i < header.length; i++) {
            String name = header[i] == null ? "" : header[i].trim();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1);
            }
            String plain = name.startsWith("address.") ? name.substring(8) : name;
            boolean known = TEXT.contains(name) || LISTS.contains(name) || OTHER.contains(name) || ADDRESS.contains(plain)
                    || (name.startsWith("external:") && name.length() > 9) || (name.startsWith("field:") && name.length() > 6)
                    || (name.startsWith("identity:") && isNetwork(name.substring(9)))
                    || (name.startsWith("consent:") && isChannel(name.substring(8)));
            if (!known) {
                throw new BadUserInputException("header", "unknown column '" + (name.length() > 60 ? name.substring(0, 60) : name)
                        + "'; see docs/import.md for the column names");
            }
            names[i] = ADDRESS.contains(plain) ? "address." + plain : name;
        }
        return new ImportColumns(names);
    }

    /** The record as a ContactUpsertInput-shaped JSON object; a cell count that differs from the header is an error. */
    JsonObject toPayload(String[] cells) {
        if (cells.length != names.length) {
            throw new IllegalArgumentException("has " + cells.length + " values; the header has " + names.length + " columns");
        }
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
            } else if (LISTS.contains(name) || name.equals("email") || name.equals("phone")) {
                String list = name.equals("email") ? "emails" : name.equals("phone") ? "phones" : name;
                JsonArray values = row.getJsonArray(list, new JsonArray());
                split(cell).forEach(values::add);
                row.put(list, values);
            } else if (name.equals("supportLevel")) {
                row.put(name, number(name, cell).intValue());
            } else if (name.equals("doNotContact")) {
                row.put(name, bool(name, cell));
            } else {
                row.put(name, cell);
            }
        }
        for (Object c : consent) {
            ((JsonObject) c).put("source", consentSource).put("legalBasis", consentBasis);
        }
        put(row, "address", address);
        put(row, "customFields", fields);
        put(row, "externalIds", externalIds);
        put(row, "socialIdentities", identities);
        put(row, "channelPreferences", consent);
        if (!fields.isEmpty()) {
            row.put(CUSTOM_FIELDS_AS_TEXT, true);
        }
        return row;
    }

    private static void put(JsonObject row, String key, Object value) {
        if (value instanceof JsonObject o && !o.isEmpty() || value instanceof JsonArray a && !a.isEmpty()) {
            row.put(key, value);
        }
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

    private static boolean bool(String name, String cell) {
        return switch (cell.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1" -> true;
            case "false", "no", "n", "0" -> false;
            default -> throw new IllegalArgumentException(name + ": must be true or false");
        };
    }

    private static boolean isNetwork(String name) {
        for (Network n : Network.values()) {
            if (n.name().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isChannel(String name) {
        for (ContactChannel c : ContactChannel.values()) {
            if (c.name().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
