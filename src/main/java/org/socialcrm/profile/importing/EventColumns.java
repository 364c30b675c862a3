package org.socialcrm.profile.importing;

import java.util.Locale;
import java.util.Set;

import org.socialcrm.common.BadUserInputException;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A CSV header of a touchpoints or conversions file, and each record turned into the JSON shape NDJSON lines of that
 * kind have: the contact's keys ({@code email}, {@code external:<system>}, {@code identity:<network>}), then
 * TouchpointInput's or ConversionInput's fields ({@code influencer:<network>} names the influencer by handle,
 * {@code source.<key>} fills the touchpoint's source) and an optional {@code eventId}.
 */
final class EventColumns implements RecordColumns {

    private static final Set<String> COMMON = Set.of("email", "emails", "campaignId", "occurredAt", "eventId");
    private static final Set<String> TOUCHPOINT = Set.of("channel", "influencerIdentityId");
    private static final Set<String> CONVERSION = Set.of("value", "stage");

    private final String[] names;

    private EventColumns(String[] names) {
        this.names = names;
    }

    static EventColumns of(ImportKind kind, String[] header) {
        String[] names = new String[header.length];
        boolean key = false;
        boolean channel = false;
        for (int i = 0; i < header.length; i++) {
            String name = header[i] == null ? "" : header[i].trim();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1);
            }
            boolean touchpoints = kind == ImportKind.TOUCHPOINTS;
            boolean known = COMMON.contains(name) || (touchpoints ? TOUCHPOINT : CONVERSION).contains(name)
                    || (name.startsWith("external:") && name.length() > 9)
                    || (name.startsWith("identity:") && ImportColumns.isNetwork(name.substring(9)))
                    || (touchpoints && name.startsWith("influencer:") && ImportColumns.isNetwork(name.substring(11)))
                    || (touchpoints && name.startsWith("source.") && name.length() > 7);
            if (!known) {
                throw new BadUserInputException("header", "unknown column '" + (name.length() > 60 ? name.substring(0, 60) : name)
                        + "' for " + kind.key() + "; see docs/import.md for the column names");
            }
            key |= name.startsWith("email") || name.startsWith("external:") || name.startsWith("identity:");
            channel |= name.equals("channel");
            names[i] = name;
        }
        if (!key) {
            throw new BadUserInputException("header", "a column naming the contact is required: email, external:<system> or identity:<network>");
        }
        if (kind == ImportKind.TOUCHPOINTS && !channel) {
            throw new BadUserInputException("header", "the column channel is required for touchpoints");
        }
        return new EventColumns(names);
    }

    @Override
    public JsonObject toPayload(String[] cells) {
        if (cells.length != names.length) {
            throw new IllegalArgumentException("has " + cells.length + " values; the header has " + names.length + " columns");
        }
        JsonObject row = new JsonObject();
        JsonArray emails = new JsonArray();
        JsonArray externalIds = new JsonArray();
        JsonArray identities = new JsonArray();
        JsonObject source = new JsonObject();
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            String cell = cells[i] == null ? "" : cells[i].trim();
            if (cell.isEmpty()) {
                continue;
            }
            if (name.startsWith("email")) {
                emails.add(cell);
            } else if (name.startsWith("external:")) {
                externalIds.add(new JsonObject().put("system", name.substring(9)).put("value", cell));
            } else if (name.startsWith("identity:")) {
                identities.add(new JsonObject().put("network", name.substring(9).toUpperCase(Locale.ROOT)).put("handle", cell));
            } else if (name.startsWith("influencer:")) {
                row.put("influencer", new JsonObject().put("network", name.substring(11).toUpperCase(Locale.ROOT)).put("handle", cell));
            } else if (name.startsWith("source.")) {
                source.put(name.substring(7), cell);
            } else if (name.equals("value")) {
                try {
                    row.put(name, Double.valueOf(cell));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("value: must be a number");
                }
            } else {
                row.put(name, cell);
            }
        }
        put(row, "emails", emails);
        put(row, "externalIds", externalIds);
        put(row, "socialIdentities", identities);
        if (!source.isEmpty()) {
            row.put("source", source);
        }
        return row;
    }

    private static void put(JsonObject row, String key, JsonArray values) {
        if (!values.isEmpty()) {
            row.put(key, values);
        }
    }
}
